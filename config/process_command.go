package config

import (
	"errors"
	"runtime"
	"strings"
	"unicode"
)

// errEmptyCommand is what an External profile with nothing to run gets, in credentials-go's words.
var errEmptyCommand = errors.New("process_command is empty")

// splitProcessCommand turns an External profile's process_command into argv by the rules
// credentials-go applies (providers/command_split.go in credentials-go v1.4.14), so that a command
// the aliyun CLI runs is run the same way here. No shell is involved: no globbing, variables or
// pipes.
//
// Whitespace outside quotes separates words; single and double quotes group (and may be empty,
// which keeps an empty word). On Unix: outside quotes a backslash takes the next character
// literally; inside double quotes it escapes only " \ $ and `; backslash-newline is removed
// outside single quotes; inside single quotes everything is literal. On Windows a backslash is a
// path separator, literal everywhere except before " inside double quotes, so that
// C:\Tools\helper.exe works unquoted.
func splitProcessCommand(command string) ([]string, error) {
	return splitCommandFor(command, runtime.GOOS == "windows")
}

func splitCommandFor(command string, windows bool) ([]string, error) {
	in := []rune(strings.TrimSpace(command))
	var (
		words   []string
		word    strings.Builder
		started bool // a word has begun, possibly as an empty quoted one
		quote   rune // 0, '\'' or '"'
	)
	for i := 0; i < len(in); i++ {
		r := in[i]
		var next rune = -1
		if i+1 < len(in) {
			next = in[i+1]
		}
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case quote == '"':
			switch {
			case r == '"':
				quote = 0
			case r == '\\' && windows && next == '"':
				word.WriteRune(next)
				i++
			case r == '\\' && !windows && next == '\n':
				i++
			case r == '\\' && !windows && strings.ContainsRune("\"\\$`", next):
				word.WriteRune(next)
				i++
			default:
				word.WriteRune(r)
			}
		case r == '\\' && !windows:
			switch next {
			case -1:
				return nil, errors.New("invalid process_command: it ends with a backslash")
			case '\n':
				i++
			default:
				word.WriteRune(next)
				started = true
				i++
			}
		case r == '\'' || r == '"':
			quote, started = r, true
		case unicode.IsSpace(r):
			if started {
				words = append(words, word.String())
				word.Reset()
				started = false
			}
		default:
			word.WriteRune(r)
			started = true
		}
	}
	if quote != 0 {
		return nil, errors.New("invalid process_command: a quote is not closed")
	}
	if started {
		words = append(words, word.String())
	}
	if len(words) == 0 || words[0] == "" {
		return nil, errEmptyCommand
	}
	return words, nil
}
