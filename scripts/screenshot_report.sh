#!/usr/bin/env bash
# Renders a vecbench HTML report in headless Chromium, takes a full-page PNG
# screenshot, and fails when the page does not load cleanly.
#
#   scripts/screenshot_report.sh REPORT.html [OUT.png] [--width PX] [--tile-height PX]
#
# --tile-height also writes OUT.1.png, OUT.2.png, … of at most PX each, for
# viewers that shrink a tall page to a thumbnail.
#
# Fails (exit 1) when the page logs a console error or warning, throws, asks
# for anything over the network (reports must be self-contained; every
# non-file request is blocked and counted), has no inline SVG chart, or has
# a chart that renders empty (zero size, or no line, bar or point drawn).
# Prints what it checked. Installs Debian's `chromium` when it is missing.
#
# Chromium is driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe), from Python's standard library: no websocket
# client, no Node, nothing from the network.
set -euo pipefail

usage() { echo "usage: $0 REPORT.html [OUT.png] [--width PX] [--tile-height PX]" >&2; exit 1; }
report="" out="" width=1400 tile=0
while [ $# -gt 0 ]; do
  case "$1" in
    --width) width="${2:?--width needs a value}"; shift 2 ;;
    --tile-height) tile="${2:?--tile-height needs a value}"; shift 2 ;;
    -h|--help) usage ;;
    *) if [ -z "$report" ]; then report="$1"; elif [ -z "$out" ]; then out="$1"; else usage; fi; shift ;;
  esac
done
[ -n "$report" ] || usage
[ -f "$report" ] || { echo "$0: $report: no such file" >&2; exit 1; }
out="${out:-${report%.html}.png}"

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null; then browser="$(command -v "$candidate")"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "installing chromium (Debian package) …" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  browser="$(command -v chromium)"
fi

exec python3 - "$browser" "$(realpath "$report")" "$out" "$width" "$tile" <<'PYTHON'
import base64, json, os, subprocess, sys, tempfile, time

browser, report, out, width, tile = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
profile = tempfile.mkdtemp(prefix="vecbench-chromium-")
to_browser_read, to_browser_write = os.pipe()
from_browser_read, from_browser_write = os.pipe()

def child_fds():
    os.dup2(to_browser_read, 3)
    os.dup2(from_browser_write, 4)

process = subprocess.Popen(
    [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
     "--disable-sync", "--mute-audio", f"--user-data-dir={profile}", "--remote-debugging-pipe",
     # Any lookup fails, so a report that reaches for the network is caught.
     "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"],
    # close_fds runs after preexec_fn in the child: keep 3 and 4 too.
    pass_fds=(to_browser_read, from_browser_write, 3, 4), preexec_fn=child_fds,
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_browser_read)
os.close(from_browser_write)
reader = os.fdopen(from_browser_read, "rb", buffering=0)
pending = b""
next_id = 0
events = []
problems = []

def send(method, params=None, session=None, timeout=30):
    global next_id, pending
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_browser_write, json.dumps(message).encode() + b"\0")
    deadline = time.time() + timeout
    while time.time() < deadline:
        while b"\0" in pending:
            raw, pending = pending.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == next_id:
                if "error" in reply:
                    raise SystemExit(f"screenshot: {method} failed: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                events.append(reply)
        chunk = reader.read(65536)
        if not chunk:
            raise SystemExit("screenshot: chromium closed the DevTools pipe")
        pending += chunk
    raise SystemExit(f"screenshot: no answer to {method} within {timeout} s")

def wait_for(event_name, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(e["method"] == event_name for e in events):
            return
        send("Runtime.evaluate", {"expression": "1"}, session)  # pumps the pipe
        time.sleep(0.05)
    raise SystemExit(f"screenshot: {event_name} did not arrive within {timeout} s")

try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        send(f"{domain}.enable", {}, session)
    send("Emulation.setDeviceMetricsOverride",
         {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
    send("Page.navigate", {"url": "file://" + report}, session)
    wait_for("Page.loadEventFired")
    time.sleep(0.3)
    check = send("Runtime.evaluate", {"returnByValue": True, "expression": """(() => {
        const charts = [...document.querySelectorAll('svg.chart')];
        const empty = charts.filter(svg => {
            const box = svg.getBoundingClientRect();
            const drawn = svg.querySelectorAll('polyline, circle, rect:not(.band)').length;
            return box.width < 50 || box.height < 50 || drawn === 0;
        }).map(svg => svg.getAttribute('aria-label'));
        return { charts: charts.length, empty, sections: document.querySelectorAll('section').length,
                 height: Math.ceil(document.documentElement.scrollHeight), title: document.title };
    })()"""}, session)["result"]["value"]
    shot = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": check["height"], "scale": 1}}, session, timeout=60)
    with open(out, "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    if tile > 0:
        stem = out[:-4] if out.endswith(".png") else out
        for index, top in enumerate(range(0, check["height"], tile)):
            part = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": top, "width": width, "height": min(tile, check["height"] - top), "scale": 1}}, session, timeout=60)
            with open(f"{stem}.{index + 1}.png", "wb") as file:
                file.write(base64.b64decode(part["data"]))
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append("exception: " + params["exceptionDetails"].get("text", "?"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            problems.append(f"console {params['type']}: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            problems.append(f"log {params['entry']['level']}: {params['entry'].get('text', '')} {params['entry'].get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file:", "data:", "about:")):
                problems.append("network request (reports must be self-contained): " + url)
    if check["charts"] == 0:
        problems.append("no inline SVG chart (svg.chart) on the page")
    for label in check["empty"]:
        problems.append(f"chart renders empty: {label}")
    print(f"screenshot: {out} ({width}×{check['height']} px) of '{check['title']}': "
          f"{check['sections']} sections, {check['charts']} charts, {len(check['empty'])} empty, {len(problems)} problems")
finally:
    try:
        send("Browser.close", timeout=5)
    except BaseException:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    subprocess.run(["rm", "-rf", profile])

for problem in problems:
    print("screenshot: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
