package history_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/bootlog/bootlog/ui/history"
)

func Example() {
	dir, _ := os.MkdirTemp("", "history-example")
	defer os.RemoveAll(dir)
	s, err := history.Open(dir, 10, 16<<20)
	if err != nil {
		fmt.Println(err)
		return
	}
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	_, saved, _ := s.Save("cn-hangzhou", "i-bp1abc", lu, []byte("boot\nlogin:\n"))
	fmt.Println("first saved:", saved)
	_, saved, _ = s.Save("cn-hangzhou", "i-bp1abc", lu, []byte("boot\nlogin:\n"))
	fmt.Println("identical saved:", saved)
	s.Save("cn-hangzhou", "i-bp1abc", lu.Add(time.Hour), []byte("boot\nlogin:\nreboot\n"))

	list, _ := s.List("cn-hangzhou", "i-bp1abc")
	cur, _ := s.Load(list[0])
	prev, _ := s.Load(list[1])
	curLines := strings.Split(string(cur), "\n")
	for i, isNew := range history.NewLines(strings.Split(string(prev), "\n"), curLines) {
		if isNew {
			fmt.Println("new:", curLines[i])
		}
	}
	// Output:
	// first saved: true
	// identical saved: false
	// new: reboot
}
