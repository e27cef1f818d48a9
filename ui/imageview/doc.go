// Package imageview turns an instance screenshot (GetInstanceScreenshot returns JPEG, and PNG is
// accepted too) into text a terminal can show.
//
// Three renderings are offered, because terminals differ:
//
//   - HalfBlocks works in every true-colour terminal: each cell shows two vertical pixels as '▀'
//     with the upper pixel as foreground and the lower as background colour. Cells are about
//     twice as tall as wide, so two pixels per cell make square pixels.
//   - Kitty emits the kitty graphics protocol (kitty, WezTerm, Ghostty).
//   - Sixel emits DEC sixel graphics (foot, mlterm, xterm built with sixel support).
//
// Protocol picks one from the environment, conservatively: a wrong guess prints garbage, while
// half blocks always work.
//
// Nothing here touches the terminal; every function returns a string for the caller to place.
package imageview
