// Package imageview turns an instance screenshot (GetInstanceScreenshot returns JPEG, and PNG is
// accepted too) into text a terminal can show, and saves it to a file.
//
// Three renderings are offered, because terminals differ:
//
//   - HalfBlocks works in every true-colour terminal: each cell shows two vertical pixels as '▀'
//     with the upper pixel as foreground and the lower as background colour. Cells are about
//     twice as tall as wide, so two pixels per cell make square pixels.
//   - EncodeKitty emits the kitty graphics protocol (kitty, WezTerm, Ghostty) through
//     x/ansi/kitty.
//   - EncodeSixel emits DEC sixel graphics (foot, mlterm, xterm built with sixel support) through
//     x/ansi/sixel.
//
// Choose picks one from the environment, conservatively (a wrong guess prints garbage, while half
// blocks always work), and says whether the sequences must go through tmux's passthrough; Render
// draws with that choice. Kitty, Sixel, KittyClear and Protocol are the same without passthrough.
//
// Nothing here touches the terminal; every function returns a string for the caller to place.
// SaveImage writes a screenshot to a new 0600 file, never over an existing one.
package imageview
