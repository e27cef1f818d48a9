package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/bootlog/bootlog/fetch/emulator"
)

func runEmulator(args []string, _ environ, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (loopback unless you say otherwise)")
	akID := fs.String("access-key-id", emulator.DefaultAccessKeyID, "accepted AccessKeyId")
	akSecret := fs.String("access-key-secret", emulator.DefaultAccessKeySecret, "accepted AccessKeySecret")
	fixtures := fs.String("fixtures", "", "fixture `FILE` (JSON; default: the built-in demo data)")
	latency := fs.Duration("latency", 0, "added to every response, e.g. 100ms")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog emulator [flags]\n\nServes the ECS OpenAPI (RPC, 2014-05-26) on loopback for bootlog, the aliyun CLI and the SDKs.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	if fs.NArg() != 0 {
		return usageError(stderr, "emulator takes no arguments")
	}
	world := emulator.DemoFixtures()
	if *fixtures != "" {
		f, err := emulator.LoadFixtures(*fixtures)
		if err != nil {
			return usageError(stderr, "%s", err)
		}
		world = f
	}
	srv, err := emulator.New(emulator.Options{
		AccessKeyID: *akID, AccessKeySecret: *akSecret,
		Fixtures: world, Latency: *latency, Log: stderr,
	})
	if err != nil {
		return usageError(stderr, "%s", err)
	}
	if err := srv.Start(*listen); err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return exitAPI
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "ECS emulator listening on %s\n", srv.URL())
	fmt.Fprintf(stdout, "  bootlog --endpoint %s   (with ALIBABA_CLOUD_ACCESS_KEY_ID=%s and ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the secret>)\n", srv.URL(), *akID)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return exitOK
}
