#!/usr/bin/env python3
"""Layout check of vecbench's HTML pages in headless Chromium.

    scripts/report_layout_check.py PAGE.html [PAGE.html ...] [--width 1280] [--screenshot-dir DIR]

Loads each page at a WIDTH-px viewport (default 1280, a laptop) and fails
(exit 1) when:

- the page is wider than the viewport (document scrollWidth > innerWidth), or
  any element reaches past the viewport's edge without a scrolling box
  around it (a wide table must scroll inside its own box);
- a chart's axis lies outside what its quantity can take: the SVG writers put
  the drawn range (data-y-min/max, data-x-min/max), the data's range
  (data-y-data-min/max) and the possible range (data-y-possible-min/max,
  e.g. 0..1 for recall) on every <svg class="chart">; the axis must cover the
  data and stay within possible ∪ data;
- two labels of one chart (ticks, point labels, phase labels) overlap;
- the page logs a console error or throws.

A table that scrolls inside its box is allowed, and listed. Prints one line
per page and one per problem. Chromium is driven over the DevTools protocol
on a pipe (--remote-debugging-pipe) with the standard library only, as
scripts/screenshot_report.sh does; CHROMIUM names the browser, else
chromium / chromium-browser / google-chrome on PATH.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CHECK = r"""(() => {
  const width = window.innerWidth;
  const problems = [], scrolled = [];
  const describe = el => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const cls = el.getAttribute('class');
    if (cls) text += '.' + cls.trim().split(/\s+/).join('.');
    const label = el.getAttribute('aria-label') || (el.closest('svg.chart') || {getAttribute: () => null}).getAttribute('aria-label');
    const section = el.closest('section');
    if (label) text += ` "${label}"`;
    if (section && section.id) text += ` in #${section.id}`;
    return text;
  };
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`page is ${page} px wide in a ${width} px viewport (the page scrolls sideways)`);

  // Elements past the right (or left) edge with no scrolling box around them;
  // only the outermost of each such subtree is named.
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX;
      if (overflow !== 'visible') return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if ((box.right > width + 0.5 || box.left < -0.5) && !clipped(el)) {
      if (offenders.some(o => o.contains(el))) continue;
      offenders.push(el);
      problems.push(`${describe(el)} spans ${Math.round(box.left)}–${Math.round(box.right)} px, past the ${width} px viewport`);
    }
  }
  for (const box of document.querySelectorAll('.scroll')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      const table = box.querySelector('table');
      scrolled.push(`${describe(table || box)}: ${box.scrollWidth} px in a ${box.clientWidth} px box (scrolls inside it)`);
    }
  }

  const charts = [...document.querySelectorAll('svg.chart')];
  for (const svg of charts) {
    const name = svg.getAttribute('aria-label') || '(untitled chart)';
    for (const axis of ['x', 'y']) {
      const get = key => {
        const value = svg.getAttribute(`data-${axis}-${key}`);
        return value === null ? null : Number(value);
      };
      const low = get('min'), high = get('max');
      if (low === null || high === null) continue;
      const dataLow = get('data-min'), dataHigh = get('data-max');
      const possibleLow = get('possible-min'), possibleHigh = get('possible-max');
      const slack = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
      if (!(high > low)) problems.push(`chart "${name}": ${axis} axis ${low}…${high} is empty`);
      if (possibleLow !== null && low < Math.min(possibleLow, dataLow ?? possibleLow) - slack)
        problems.push(`chart "${name}": ${axis} axis starts at ${low}, below the possible ${possibleLow}`);
      if (possibleHigh !== null && high > Math.max(possibleHigh, dataHigh ?? possibleHigh) + slack)
        problems.push(`chart "${name}": ${axis} axis ends at ${high}, above the possible ${possibleHigh}`);
      if (dataLow !== null && (dataLow < low - slack || dataHigh > high + slack))
        problems.push(`chart "${name}": ${axis} data ${dataLow}…${dataHigh} lies outside the axis ${low}…${high}`);
    }
    const labels = [...svg.querySelectorAll('text.tick, text.point-label, text.band-label, text.group-label')]
      .map(text => ({text, box: text.getBoundingClientRect()})).filter(l => l.box.width > 0);
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].box, b = labels[j].box;
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 1 && down > 1) {
          problems.push(`chart "${name}": labels "${labels[i].text.textContent}" and "${labels[j].text.textContent}" overlap`);
        }
      }
    }
  }
  return {problems, scrolled, charts: charts.length, width, title: document.title,
          height: Math.ceil(document.documentElement.scrollHeight)};
})()"""


class Browser:
    """One headless Chromium over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, path):
        self.profile = tempfile.mkdtemp(prefix="vecbench-layout-")
        to_read, self.to_write = os.pipe()
        from_read, from_write = os.pipe()

        def child_fds():
            os.dup2(to_read, 3)
            os.dup2(from_write, 4)

        self.process = subprocess.Popen(
            [path, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--mute-audio", f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"],
            pass_fds=(to_read, from_write, 3, 4), preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_read)
        os.close(from_write)
        self.reader = os.fdopen(from_read, "rb", buffering=0)
        self.pending = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_write, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            while b"\0" in self.pending:
                raw, self.pending = self.pending.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise SystemExit(f"layout: {method} failed: {reply['error']}")
                    return reply.get("result", {})
                if "method" in reply:
                    self.events.append(reply)
            chunk = self.reader.read(65536)
            if not chunk:
                raise SystemExit("layout: chromium closed the DevTools pipe")
            self.pending += chunk
        raise SystemExit(f"layout: no answer to {method} within {timeout} s")

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except BaseException:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check_page(browser, page, width, screenshot_dir):
    browser.events.clear()
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.send(f"{domain}.enable", {}, session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
    browser.send("Page.navigate", {"url": "file://" + os.path.realpath(page)}, session)
    deadline = time.time() + 30
    while not any(e["method"] == "Page.loadEventFired" and e.get("sessionId") == session for e in browser.events):
        if time.time() > deadline:
            raise SystemExit(f"layout: {page} did not load within 30 s")
        browser.send("Runtime.evaluate", {"expression": "1"}, session)
        time.sleep(0.05)
    time.sleep(0.2)
    result = browser.send("Runtime.evaluate", {"expression": CHECK, "returnByValue": True}, session)
    if "exceptionDetails" in result:
        raise SystemExit(f"layout: the check script failed on {page}: {result['exceptionDetails']}")
    found = result["result"]["value"]
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found["problems"].append("exception: " + params["exceptionDetails"].get("text", "?"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found["problems"].append(f"console {params['type']}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            found["problems"].append("log error: " + params["entry"].get("text", ""))
    if screenshot_dir:
        os.makedirs(screenshot_dir, exist_ok=True)
        shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": {
            "x": 0, "y": 0, "width": width, "height": found["height"], "scale": 1}}, session, timeout=60)
        name = os.path.splitext(os.path.basename(page))[0] + f".{width}.png"
        with open(os.path.join(screenshot_dir, name), "wb") as file:
            file.write(base64.b64decode(shot["data"]))
    browser.send("Target.closeTarget", {"targetId": target})
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--screenshot-dir")
    args = parser.parse_args()
    path = os.environ.get("CHROMIUM") or next(
        (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
    if not path:
        raise SystemExit("layout: no chromium on PATH (Debian: apt-get install chromium), or set CHROMIUM")
    for page in args.pages:
        if not os.path.isfile(page):
            raise SystemExit(f"layout: {page}: no such file")
    browser = Browser(path)
    failed = 0
    try:
        for page in args.pages:
            found = check_page(browser, page, args.width, args.screenshot_dir)
            problems = found["problems"]
            print(f"layout: {page} at {found['width']} px: {found['charts']} charts, "
                  f"{len(found['scrolled'])} tables scrolling in their box, {len(problems)} problems")
            for line in found["scrolled"]:
                print(f"layout:   scrolls: {line}")
            for line in problems:
                print(f"layout:   PROBLEM: {line}", file=sys.stderr)
            failed += bool(problems)
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
