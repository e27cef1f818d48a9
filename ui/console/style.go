package console

import (
	"strconv"

	"github.com/charmbracelet/x/ansi"
)

// attr is a bit set of the SGR attributes bootlog keeps. Blink, conceal, strikethrough and the rest
// are deliberately dropped: blink is noise in a log and conceal would hide text from the operator.
type attr uint8

const (
	attrBold attr = 1 << iota
	attrFaint
	attrItalic
	attrUnderline
	attrReverse
)

// color is a packed terminal colour: the top byte says which kind, the low 24 bits hold the value.
// Packing keeps style small and comparable with ==, which the renderer relies on to detect style runs.
type color uint32

const (
	colorDefault color = 0
	kindBasic    color = 1 << 24 // 0-15: the 8 ANSI colours and their bright variants.
	kindIndexed  color = 2 << 24 // 0-255 from 38;5;n / 48;5;n.
	kindRGB      color = 3 << 24 // 24-bit truecolor.
	kindMask     color = 0xff << 24
)

// style is the graphic rendition of one cell. The zero value is the terminal default.
type style struct {
	attr   attr
	fg, bg color
}

// maxSGRSeparators is the number of parameter separators (';' or ':') a CSI sequence may contain
// before it is dropped instead of interpreted. ansi.DecodeSequence (v0.11.9) indexes its fixed
// 32-entry parameter buffer without a bounds check and panics on the 33rd parameter, so the
// renderer only hands sequences with fewer separators than that to a collecting parser.
const maxSGRSeparators = 30

// applySGR updates st with the parameters of one SGR sequence (CSI ... m).
// Unknown or malformed parameters are ignored, as terminals do.
func applySGR(st style, params ansi.Params) style {
	if len(params) == 0 {
		return style{}
	}
	for i := 0; i < len(params); i++ {
		v := params[i].Param(0)
		// A parameter with colon sub-parameters (4:3, 38:2::r:g:b) owns the following entries.
		sub := i + 1
		for sub-1 < len(params) && params[sub-1].HasMore() && sub < len(params) {
			sub++
		}
		colon := sub > i+1
		switch {
		case v == 0:
			st = style{}
		case v == 1:
			st.attr |= attrBold
		case v == 2:
			st.attr |= attrFaint
		case v == 3:
			st.attr |= attrItalic
		case v == 4:
			// 4:0 turns underline off; every other underline style (4:1 … 4:5) is shown as underline.
			if colon && params[i+1].Param(0) == 0 {
				st.attr &^= attrUnderline
			} else {
				st.attr |= attrUnderline
			}
		case v == 7:
			st.attr |= attrReverse
		case v == 21:
			// ECMA-48 "doubly underlined"; xterm and VTE agree, so it is shown as underline.
			st.attr |= attrUnderline
		case v == 22:
			st.attr &^= attrBold | attrFaint
		case v == 23:
			st.attr &^= attrItalic
		case v == 24:
			st.attr &^= attrUnderline
		case v == 27:
			st.attr &^= attrReverse
		case v >= 30 && v <= 37:
			st.fg = kindBasic | color(v-30)
		case v == 39:
			st.fg = colorDefault
		case v >= 40 && v <= 47:
			st.bg = kindBasic | color(v-40)
		case v == 49:
			st.bg = colorDefault
		case v >= 90 && v <= 97:
			st.fg = kindBasic | color(v-90+8)
		case v >= 100 && v <= 107:
			st.bg = kindBasic | color(v-100+8)
		case v == 38 || v == 48 || v == 58:
			c, next, ok := extendedColor(params, i, colon, sub)
			if ok && v == 38 {
				st.fg = c
			} else if ok && v == 48 {
				st.bg = c
			}
			// Underline colour (58) is parsed only so that its arguments are not misread as attributes.
			i = next - 1
			continue
		}
		if colon {
			i = sub - 1
		}
	}
	return st
}

// extendedColor parses the colour that starts at params[i] (38, 48 or 58). It returns the colour, the
// index of the first parameter after it, and whether the colour was valid. Both the colon form
// (38:5:n, 38:2:r:g:b, 38:2:cs:r:g:b) and the common semicolon form (38;5;n, 38;2;r;g;b) are accepted.
func extendedColor(params ansi.Params, i int, colon bool, sub int) (color, int, bool) {
	var args []ansi.Param
	next := sub
	if colon {
		args = params[i+1 : sub]
	} else {
		args = params[i+1:]
	}
	if len(args) == 0 {
		return 0, i + 1, false
	}
	mode := args[0].Param(0)
	switch mode {
	case 5:
		if len(args) < 2 {
			return 0, i + 1 + len(args), false
		}
		if !colon {
			next = i + 3
		}
		n := args[1].Param(0)
		if n > 255 {
			return 0, next, false
		}
		return kindIndexed | color(n), next, true
	case 2:
		rgb := args[1:]
		if colon && len(rgb) >= 4 {
			// 38:2:cs:r:g:b carries a colour-space id first.
			rgb = rgb[1:]
		}
		if len(rgb) < 3 {
			return 0, i + 1 + len(args), false
		}
		if !colon {
			next = i + 5
		}
		r, g, b := rgb[0].Param(0), rgb[1].Param(0), rgb[2].Param(0)
		if r > 255 || g > 255 || b > 255 {
			return 0, next, false
		}
		return kindRGB | color(r<<16|g<<8|b), next, true
	}
	if colon {
		return 0, sub, false
	}
	return 0, i + 2, false
}

// appendSGR appends the sequence that switches the terminal from style from to style to. Every
// sequence bootlog emits has the shape ESC '[' (digits (';' digits)*)? 'm'; the fuzz test checks
// the output against exactly that shape.
func appendSGR(b []byte, from, to style) []byte {
	if to == (style{}) {
		return append(b, "\x1b[m"...)
	}
	b = append(b, "\x1b["...)
	sep := false
	if from != (style{}) {
		// Resetting first is simpler and more robust than computing which attributes to turn off.
		b = append(b, '0')
		sep = true
	}
	add := func(s string) {
		if sep {
			b = append(b, ';')
		}
		b = append(b, s...)
		sep = true
	}
	if to.attr&attrBold != 0 {
		add("1")
	}
	if to.attr&attrFaint != 0 {
		add("2")
	}
	if to.attr&attrItalic != 0 {
		add("3")
	}
	if to.attr&attrUnderline != 0 {
		add("4")
	}
	if to.attr&attrReverse != 0 {
		add("7")
	}
	b = appendColor(b, to.fg, 30, &sep)
	b = appendColor(b, to.bg, 40, &sep)
	return append(b, 'm')
}

// appendColor appends the SGR parameters for c, where base is 30 for foreground and 40 for background.
func appendColor(b []byte, c color, base int, sep *bool) []byte {
	if c == colorDefault {
		return b
	}
	if *sep {
		b = append(b, ';')
	}
	*sep = true
	v := int(c &^ kindMask)
	switch c & kindMask {
	case kindBasic:
		if v < 8 {
			return strconv.AppendInt(b, int64(base+v), 10)
		}
		return strconv.AppendInt(b, int64(base+60+v-8), 10)
	case kindIndexed:
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, ";5;"...)
		return strconv.AppendInt(b, int64(v), 10)
	default:
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, ";2;"...)
		b = strconv.AppendInt(b, int64(v>>16), 10)
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(v>>8&0xff), 10)
		b = append(b, ';')
		return strconv.AppendInt(b, int64(v&0xff), 10)
	}
}
