//go:build browser

package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// The browser tests open review pages in headless Chromium, driven over
// the DevTools protocol on a pipe (--remote-debugging-pipe: the browser
// reads commands on its fd 3 and writes answers and events on its fd 4,
// each message JSON ended by a NUL byte). They are built when asked for,
// with go test -tags browser, and then run: on the browser
// TIPTAPMD_BROWSER names, or on chromium from PATH.

// browserPath returns the browser of the browser tests: the one
// TIPTAPMD_BROWSER names, or chromium from PATH. It fails the test when
// that browser is missing or does not run: built, the tests must run.
func browserPath(t *testing.T) string {
	t.Helper()
	name := os.Getenv(corpus.EnvBrowser)
	if name == "" || name == "0" {
		name = "chromium"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("the browser tests (built with -tags browser) need Chromium: %v; "+
			"install it (Debian: apt-get install chromium) or name it with %s=PATH", err, corpus.EnvBrowser)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("the browser tests (built with -tags browser) cannot run %s: %v\n%s%s", p, err, out, stderr)
	}
	t.Logf("browser: %s: %s", p, strings.TrimSpace(string(out)))
	return p
}

// A browser is a headless Chromium with one page open.
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	in      io.WriteCloser
	wmu     sync.Mutex // writes to in
	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpMessage
	session string
	// events are the events of the page and its frames, in order.
	events []cdpMessage
	// attached are the sessions of the frames in processes of their own.
	attached []string
	done     chan struct{}
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     json.RawMessage `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

// startBrowser starts the browser at path with a page of width×height
// pixels.
func startBrowser(t *testing.T, path string, width, height int) *browser {
	t.Helper()
	cmdR, cmdW, err := os.Pipe() // commands: we write, the browser reads (its fd 3)
	require.NoError(t, err)
	evR, evW, err := os.Pipe() // answers: the browser writes (its fd 4), we read
	require.NoError(t, err)
	profile := t.TempDir()
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
		"--disable-sync", "--disable-component-update", "--hide-scrollbars", "--mute-audio",
		"--user-data-dir="+profile, fmt.Sprintf("--window-size=%d,%d", width, height), "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, evW}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	cmdR.Close()
	evW.Close()
	b := &browser{t: t, cmd: cmd, in: cmdW, waiting: map[int]chan cdpMessage{}, done: make(chan struct{})}
	go b.read(evR)
	t.Cleanup(func() {
		b.in.Close()
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		evR.Close()
		if t.Failed() {
			t.Logf("browser's standard error:\n%s", stderr.String())
		}
	})

	var target struct{ TargetID string }
	b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.watch(b.session)
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
	return b
}

// watch enables the events of a session, the page's or a frame's, and
// attaches to the frames it holds that run in processes of their own.
func (b *browser) watch(session string) {
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		b.send(session, m, nil)
	}
	b.send(session, "Target.setAutoAttach", map[string]any{"autoAttach": true, "waitForDebuggerOnStart": false, "flatten": true})
}

// send sends a command without waiting for its answer.
func (b *browser) send(session, method string, params any) {
	b.mu.Lock()
	b.nextID++
	msg := map[string]any{"id": b.nextID, "method": method, "sessionId": session}
	b.mu.Unlock()
	if params != nil {
		msg["params"] = params
	}
	data, _ := json.Marshal(msg)
	b.wmu.Lock()
	b.in.Write(append(data, 0))
	b.wmu.Unlock()
}

// read reads the browser's messages until the pipe closes.
func (b *browser) read(r io.Reader) {
	defer close(b.done)
	buf := make([]byte, 0, 1<<16)
	chunk := make([]byte, 1<<16)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		for {
			i := bytes.IndexByte(buf, 0)
			if i < 0 {
				break
			}
			var m cdpMessage
			if json.Unmarshal(buf[:i], &m) == nil {
				b.mu.Lock()
				if m.ID != 0 {
					if ch, ok := b.waiting[m.ID]; ok {
						ch <- m
						delete(b.waiting, m.ID)
					}
				} else if m.SessionID != "" {
					b.events = append(b.events, m)
					if m.Method == "Target.attachedToTarget" {
						// A frame in a process of its own (the sandboxed
						// frames are): watch it as the page.
						var a struct{ SessionID string }
						if json.Unmarshal(m.Params, &a) == nil {
							b.attached = append(b.attached, a.SessionID)
							go b.watch(a.SessionID)
						}
					}
				}
				b.mu.Unlock()
			}
			buf = buf[i+1:]
		}
		if err != nil {
			return
		}
	}
}

// call sends a command and decodes its result into res (if not nil).
func (b *browser) call(session, method string, params any, res any) {
	b.t.Helper()
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	require.NoError(b.t, err)
	b.wmu.Lock()
	_, err = b.in.Write(append(data, 0))
	b.wmu.Unlock()
	require.NoError(b.t, err, "%s", method)
	select {
	case m := <-ch:
		require.Empty(b.t, string(m.Error), "%s", method)
		if res != nil {
			require.NoError(b.t, json.Unmarshal(m.Result, res), "%s", method)
		}
	case <-b.done:
		b.t.Fatalf("%s: the browser closed its pipe", method)
	case <-time.After(60 * time.Second):
		b.t.Fatalf("%s: no answer from the browser in 60s", method)
	}
}

// waitEvent waits for an event named method after the first from events.
func (b *browser) waitEvent(from int, method string, timeout time.Duration) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		b.mu.Lock()
		for _, e := range b.events[from:] {
			if e.Method == method {
				b.mu.Unlock()
				return
			}
		}
		b.mu.Unlock()
		select {
		case <-ctx.Done():
			b.t.Fatalf("no %s in %v", method, timeout)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// open loads url and waits for its load event and for the frames it
// shows to load. It returns the time from the navigation to the load
// event.
func (b *browser) open(url string) time.Duration {
	b.t.Helper()
	b.mu.Lock()
	from := len(b.events)
	b.mu.Unlock()
	start := time.Now()
	b.call(b.session, "Page.navigate", map[string]any{"url": url}, nil)
	b.waitEvent(from, "Page.loadEventFired", 60*time.Second)
	load := time.Since(start)
	b.settle()
	return load
}

// settle waits until the page has sent no event for half a second.
func (b *browser) settle() {
	n := -1
	for i := 0; i < 40; i++ {
		time.Sleep(500 * time.Millisecond)
		b.mu.Lock()
		m := len(b.events)
		b.mu.Unlock()
		if m == n {
			return
		}
		n = m
	}
}

// scrollTo scrolls the page to the element with the given id: its top
// comes to the middle of the screen. (In the page's script world, as a
// person scrolls: the DevTools DOM domain's node ids can go stale on a
// review page of many megabytes before they are used.)
func (b *browser) scrollTo(id string) {
	b.t.Helper()
	expr := fmt.Sprintf(`(() => {
	const e = document.getElementById(%q);
	if (!e) return false;
	window.scrollTo(0, window.scrollY + e.getBoundingClientRect().top - window.innerHeight / 2);
	return true;
})()`, id)
	var res struct {
		Result           struct{ Value bool }
		ExceptionDetails json.RawMessage
	}
	b.call(b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res)
	require.Empty(b.t, string(res.ExceptionDetails), "scrolling to #%s", id)
	require.True(b.t, res.Result.Value, "no element #%s", id)
	b.settle()
	// The lazy frames that came into view load and paint in processes of
	// their own: give them the time a person would.
	time.Sleep(3 * time.Second)
}

// screenshot writes the visible part of the page as a PNG file.
func (b *browser) screenshot(path string) {
	b.t.Helper()
	var shot struct{ Data string }
	b.call(b.session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	require.NoError(b.t, err)
	require.NoError(b.t, os.WriteFile(path, png, 0o644))
	b.t.Logf("screenshot: %s", path)
}

// problems returns the console messages, exceptions, log entries and
// dialogs the page made, one line each.
func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, e := range b.events {
		switch e.Method {
		case "Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded", "Page.javascriptDialogOpening":
			out = append(out, e.Method+": "+string(e.Params))
		}
	}
	return out
}

// frames returns the URLs of the frames of the page, the page's first.
func (b *browser) frames() []string {
	b.t.Helper()
	type frameTree struct {
		Frame       struct{ URL string }
		ChildFrames []json.RawMessage
	}
	var res struct{ FrameTree json.RawMessage }
	b.call(b.session, "Page.getFrameTree", nil, &res)
	var urls []string
	var walk func(raw json.RawMessage)
	walk = func(raw json.RawMessage) {
		var ft frameTree
		require.NoError(b.t, json.Unmarshal(raw, &ft))
		urls = append(urls, ft.Frame.URL)
		for _, c := range ft.ChildFrames {
			walk(c)
		}
	}
	walk(res.FrameTree)
	for _, e := range b.events {
		if e.Method == "Target.attachedToTarget" {
			var a struct{ TargetInfo struct{ Type, URL string } }
			if json.Unmarshal(e.Params, &a) == nil && a.TargetInfo.Type == "iframe" {
				urls = append(urls, a.TargetInfo.URL)
			}
		}
	}
	return urls
}

// title returns the page's title.
func (b *browser) title() string {
	b.t.Helper()
	var res struct{ Result struct{ Value string } }
	b.call(b.session, "Runtime.evaluate", map[string]any{"expression": "document.title", "returnByValue": true}, &res)
	return res.Result.Value
}

// fileURL returns the file: URL of path.
func fileURL(t *testing.T, path string) string {
	abs, err := filepath.Abs(path)
	require.NoError(t, err)
	return "file://" + strings.ReplaceAll(abs, " ", "%20")
}
