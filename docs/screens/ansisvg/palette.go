package main

// The first sixteen colours: VS Code's dark terminal theme, a palette most readers know, with
// enough contrast on DefaultBG for the log's own colours (systemd's green OK, red FAILED).
var base16 = [16][3]uint8{
	{0x00, 0x00, 0x00}, {0xcd, 0x31, 0x31}, {0x0d, 0xbc, 0x79}, {0xe5, 0xe5, 0x10},
	{0x24, 0x72, 0xc8}, {0xbc, 0x3f, 0xbc}, {0x11, 0xa8, 0xcd}, {0xe5, 0xe5, 0xe5},
	{0x66, 0x66, 0x66}, {0xf1, 0x4c, 0x4c}, {0x23, 0xd1, 0x8b}, {0xf5, 0xf5, 0x43},
	{0x3b, 0x8e, 0xea}, {0xd6, 0x70, 0xd6}, {0x29, 0xb8, 0xdb}, {0xff, 0xff, 0xff},
}

// DefaultFG and DefaultBG are the terminal's own colours (SGR 39 and 49).
var (
	DefaultFG = Color{Set: true, R: 0xcc, G: 0xcc, B: 0xcc}
	DefaultBG = Color{Set: true, R: 0x1e, G: 0x1e, B: 0x1e}
)

// indexed returns colour n of the xterm 256-colour palette: sixteen base colours, a 6×6×6 cube
// and a 24-step grey ramp. Out-of-range indexes give the default colour.
func indexed(n int) Color {
	switch {
	case n < 0 || n > 255:
		return Color{}
	case n < 16:
		c := base16[n]
		return Color{Set: true, R: c[0], G: c[1], B: c[2]}
	case n < 232:
		n -= 16
		level := func(v int) uint8 {
			if v == 0 {
				return 0
			}
			return uint8(55 + 40*v)
		}
		return Color{Set: true, R: level(n / 36), G: level(n / 6 % 6), B: level(n % 6)}
	default:
		v := uint8(8 + 10*(n-232))
		return Color{Set: true, R: v, G: v, B: v}
	}
}

// blend mixes a toward b; t=0 gives a, t=1 gives b. Faint text is drawn this way.
func blend(a, b Color, t float64) Color {
	mix := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return Color{Set: true, R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B)}
}
