#!/usr/bin/env python3
"""Issue 16's checks over real sockets, against the real server (`gongkai serve`) on a free port.

The in-process test client collects a request's whole body before the app sees it, so it could not show that forms
over ~2 KB were refused or that two writers got 500s. This starts the built binary on a fresh data directory (SQLite,
or PostgreSQL with --database-url) and checks, as a browser, an attacker and a department's system would:

  - a 50 KB publication body and a 5 MB attachment are accepted with their CSRF token and refused without;
  - 8 concurrent writers for 30 s (plus a CLI catalog import on SQLite): no 5xx, every acknowledged write present;
  - a hostile value in every query parameter of every portal page: no injected tag;
  - 20 parallel wrong passwords for one name: at most 5 checked;
  - webhooks to this machine and private or metadata addresses: refused;
  - 50 ways of writing personal data: none published;
  - `gongkai restore` while the server runs: refused, nothing changed;
  - open redirects, /metrics from behind a proxy, the public API read of a draft.

Only standard-library Python; every loop is bounded in count and time, and only 127.0.0.1 is contacted.
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import argparse
import concurrent.futures
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "gongkai-demo-2020"
results = {"passed": 0, "failed": 0}


def check(ok, what):
    results["passed" if ok else "failed"] += 1
    print(("  ok   " if ok else "  FAIL ") + what, flush=True)
    return ok


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser: keeps cookies, reads the CSRF token of the last page, never follows redirects by itself."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.last = ""

    def request(self, method, path, body=None, headers=None, timeout=120):
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                status, text, hdrs = resp.status, resp.read().decode("utf-8", "replace"), resp.headers
        except urllib.error.HTTPError as e:
            status, text, hdrs = e.code, e.read().decode("utf-8", "replace"), e.headers
        self.last = text
        return status, text, hdrs

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    @property
    def token(self):
        m = re.search(r'name="csrf_token" value="([^"]+)"', self.last)
        return m.group(1) if m else ""

    def post(self, path, fields, csrf=True):
        fields = list(fields) + ([("csrf_token", self.token)] if csrf else [])
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path, fields, file_field, file_name, data, content_type, csrf=True):
        boundary = "----gongkaiprobe%d" % time.time_ns()
        fields = list(fields) + ([("csrf_token", self.token)] if csrf else [])
        parts = []
        for name, value in fields:
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                      % (boundary, file_field, file_name, content_type)).encode())
        body = b"".join(parts) + data + ("\r\n--%s--\r\n" % boundary).encode()
        return self.request("POST", path, body, {"Content-Type": "multipart/form-data; boundary=" + boundary})

    def login(self, name):
        self.get("/admin/login")
        return self.post("/admin/login", [("name", name), ("password", PASSWORD)])


def api(base, method, path, token=None, payload=None, timeout=60):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(payload).encode() if payload is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, text.decode("utf-8", "replace")


def new_token(client, label):
    client.get("/admin/tokens")
    status, text, _ = client.post("/admin/tokens", [("label", label)])
    m = re.search(r'class="token-once">([^<]+)<', text)
    return m.group(1) if m else None


class Server:
    def __init__(self, binary, data_dir, port, database_url):
        self.binary, self.data_dir, self.port = binary, data_dir, port
        self.env = dict(os.environ, GONGKAI_DATA_DIR=data_dir, GONGKAI_PORT=str(port), LOG_LEVEL="warning")
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.log = open(os.path.join(data_dir, "server.log"), "w")
        self.proc = None

    def cli(self, *args, stdin=None, timeout=300):
        return subprocess.run([self.binary, *args], env=self.env, input=stdin, capture_output=True, text=True, timeout=timeout)

    def start(self):
        if "DATABASE_URL" in self.env:
            migrated = self.cli("migrate", "--yes")
            if migrated.returncode != 0:
                raise SystemExit("migrate failed: " + migrated.stderr)
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.time() + 600
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("the server stopped: see " + self.log.name)
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % self.port, timeout=5) as r:
                    if r.status == 200:
                        return
            except Exception:
                time.sleep(0.5)
        raise SystemExit("the server did not answer within 10 minutes")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


# --- the checks -------------------------------------------------------------------------------------------------

def large_forms(base):
    print("Large form bodies and uploads, with and without their token")
    c = Client(base)
    c.get("/admin/login")
    status, _, _ = c.post("/admin/login", [("name", "hukou-minzheng"), ("password", "wrong"), ("pad", "x" * 3000)])
    check(status == 401, "login form with a 3,000-byte extra field is read (401 for the wrong password), not refused: %d" % status)
    check(c.login("hukou-minzheng")[0] == 303, "editor signs in")
    body = "县民政局关于最低生活保障审核情况的说明。" * 1300  # about 50 KB of UTF-8
    fields = [("kind", "document"), ("title", "大段正文的测试信息"), ("theme", "综合政务"), ("attribute", "proactive"),
              ("body", body), ("channels", "government-website")]
    c.get("/admin/publications/new")
    status, _, headers = c.post("/admin/publications/new", fields, csrf=False)
    check(status == 403, "50 KB body without the token: 403 (%d)" % status)
    c.get("/admin/publications/new")
    status, _, headers = c.post("/admin/publications/new", fields)
    location = headers.get("Location", "")
    check(status == 303 and "/admin/publications/" in location, "50 KB body (%d bytes) with the token: created (%d)" % (len(body.encode()), status))
    pid = location.split("/admin/publications/")[-1].split("?")[0]
    pdf = b"%PDF-1.4\n% gongkai probe\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"
    c.get("/admin/publications/" + pid)
    lock = re.search(r'name="lockVersion" value="(\d+)"', c.last)
    extra = [("lockVersion", lock.group(1))] if lock else []
    status, _, _ = c.upload("/admin/publications/%s/attachments" % pid, extra, "file", "附件.pdf", pdf, "application/pdf", csrf=False)
    check(status == 403, "5 MB attachment without the token: 403 (%d)" % status)
    c.get("/admin/publications/" + pid)
    status, _, _ = c.upload("/admin/publications/%s/attachments" % pid, extra, "file", "附件.pdf", pdf, "application/pdf")
    check(status == 303, "5 MB attachment with the token: stored (%d)" % status)
    status, text, _ = c.get("/admin/publications/" + pid)
    check("附件.pdf" in text, "the attachment is listed on the record page")
    c.get("/admin/publications/new")
    status, _, _ = c.post("/admin/publications/new", fields[:-2] + [("body", "字" * 1_500_000), ("channels", "government-website")])
    check(status == 413, "a body over the route's 4 MB limit: 413 (%d)" % status)


def concurrent_writers(base, server, sqlite, seconds=30, writers=8):
    print("%d concurrent writers for %d s%s" % (writers, seconds, " and a CLI catalog import" if sqlite else ""))
    c = Client(base)
    c.login("hukou-minzheng")
    token = new_token(c, "并发写入测试")
    if not check(token is not None, "API token created"):
        return
    acknowledged, statuses, lock = [], {}, threading.Lock()
    stop_at = time.time() + seconds

    def writer(n):
        i = 0
        while time.time() < stop_at and i < 2000:
            i += 1
            status, body = api(base, "POST", "/api/v1/publications", token,
                               {"title": "并发写入 %d-%d" % (n, i), "body": "并发写入测试正文。", "formedOn": "2026-09-21"})
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 201 and isinstance(body, dict) and body.get("id"):
                    acknowledged.append(body["id"])

    import_result = {}

    def importer():
        seed = os.path.join(ROOT, "Tests/Fixtures/catalogs/seed-000-jiangxi.xlsx")
        done = server.cli("catalog", "import", seed, "--site", "湖口县", "--unit", "湖口县民政局", "--domain", "养老服务")
        import_result["code"], import_result["err"] = done.returncode, done.stderr[-400:]

    with concurrent.futures.ThreadPoolExecutor(max_workers=writers + 1) as pool:
        futures = [pool.submit(writer, n) for n in range(writers)]
        if sqlite:
            time.sleep(3)
            futures.append(pool.submit(importer))
        for f in futures:
            f.result()
    five = sum(v for k, v in statuses.items() if k >= 500)
    check(five == 0, "no 5xx among %d writes: %s" % (sum(statuses.values()), statuses))
    check(len(acknowledged) > 0, "%d writes acknowledged" % len(acknowledged))
    if sqlite:
        check(import_result.get("code") == 0, "the CLI import during the writes succeeded %s" % import_result.get("err", ""))
    missing = [i for i in acknowledged if api(base, "GET", "/api/v1/publications/" + i, token)[0] != 200]
    check(not missing, "every acknowledged write is there (%d checked, %d missing)" % (len(acknowledged), len(missing)))


HOSTILE = ['"><meta http-equiv=refresh content="0;url=http://evil.example/">', "<script>alert(1)</script>",
           "'\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "%22%3E%3Csvg%20onload=alert(1)%3E"]
MARKERS = ["<meta http-equiv=refresh", "<script>alert", "<img src=x", "<svg onload", "<svg%20onload"]
PARAMS = ["domain", "unit", "theme", "year", "validity", "kind", "page", "q", "scope", "id", "version", "back", "next",
          "notice", "code", "entry", "site", "large", "sort", "from", "to", "channel", "type"]


def hostile_sweep(base):
    print("A hostile value in every query parameter of every portal page")
    c = Client(base)
    _, home, _ = c.get("/sites/hukou")
    info = re.search(r'href="(/sites/hukou/xinxi/[0-9A-Fa-f-]{36})"', home)
    unit = re.search(r'href="(/sites/hukou/danwei/[0-9A-Fa-f-]{36})"', home) or re.search(
        r'href="(/sites/hukou/danwei/[0-9A-Fa-f-]{36})"', c.get("/sites/hukou/xinxi")[1])
    pages = ["/", "/sites/hukou", "/sites/hukou/xinxi", "/sites/hukou/sousuo", "/sites/hukou/dingyue",
             "/sites/hukou/yishenqing", "/sites/hukou/yishenqing/shenqing", "/sites/hukou/yishenqing/chaxun",
             "/sites/hukou/gongzuori", "/sites/hukou/zhinan", "/sites/hukou/mulu", "/prefs/text-size", "/admin/login",
             "/feeds/hukou/all.atom", "/sitemap.xml", "/api/v1/search", "/api/v1/publications"]
    pages += [m.group(1) for m in (info, unit) if m]
    injected, tried, errors = [], 0, 0
    for page in pages:
        for value in HOSTILE:
            query = urllib.parse.urlencode([(p, value) for p in PARAMS])
            status, text, headers = c.get(page + "?" + query)
            tried += 1
            if status >= 500:
                errors += 1
            location = headers.get("Location", "") if headers else ""
            content_type = headers.get("Content-Type", "") if headers else ""
            # JSON carries the words as data (a client parses it, no browser renders it); HTML, XML and redirects
            # must carry no tag or address of the attacker's.
            if content_type.startswith("application/json"):
                try:
                    json.loads(text)
                except ValueError:
                    injected.append(page + " (invalid JSON)")
            elif any(m in text for m in MARKERS) or "evil.example" in location:
                injected.append(page)
    check(not injected, "%d pages × %d values × %d parameters: no injected tag %s" % (len(pages), len(HOSTILE), len(PARAMS), sorted(set(injected))))
    check(errors == 0, "no 5xx in %d hostile requests" % tried)


def login_guessing(base):
    print("20 parallel wrong passwords for one name")
    def guess(_):
        c = Client(base)
        c.get("/admin/login")
        return c.post("/admin/login", [("name", "hukou-shuangzhong-editor"), ("password", "not-the-password")])[0]
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(guess, range(20)))
    checked = statuses.count(401)
    check(checked <= 5, "passwords checked: %d (at most 5); answers %s" % (checked, sorted(statuses)))
    check(all(s < 500 for s in statuses), "no 5xx")
    c = Client(base)
    check(c.login("hukou-shuangzhong-editor")[0] == 429, "the right password is refused while the name is locked")


def login_flood(base, seconds=10):
    print("48 parallel failed logins (new names each time) while residents read the portal")
    stop_at = time.time() + seconds
    login_statuses, portal_statuses, lock = {}, {}, threading.Lock()

    def flood(n):
        i = 0
        while time.time() < stop_at and i < 500:
            i += 1
            c = Client(base)
            c.get("/admin/login")
            status = c.post("/admin/login", [("name", "flood-%d-%d" % (n, i)), ("password", "wrong-password")])[0]
            with lock:
                login_statuses[status] = login_statuses.get(status, 0) + 1

    def reader():
        c = Client(base)
        i = 0
        while time.time() < stop_at and i < 5000:
            i += 1
            status = c.get("/sites/hukou")[0]
            with lock:
                portal_statuses[status] = portal_statuses.get(status, 0) + 1

    # The same two readers alone first, for comparison.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for f in [pool.submit(reader) for _ in range(2)]:
            f.result()
    quiet = sum(portal_statuses.values())
    portal_statuses.clear()
    stop_at = time.time() + seconds
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        futures = [pool.submit(flood, n) for n in range(48)] + [pool.submit(reader) for _ in range(2)]
        for f in futures:
            f.result()
    pages = sum(portal_statuses.values())
    check(all(k < 500 for k in login_statuses), "logins answered without 5xx: %s (429 = shed)" % login_statuses)
    check(all(k < 500 for k in portal_statuses) and pages > 0,
          "the portal kept serving: %.1f pages/s during the flood (%.1f/s before it), %s"
          % (pages / seconds, quiet / seconds, portal_statuses))


def webhooks(base, port):
    print("Webhooks to this machine, private networks and metadata services")
    targets = ["http://127.0.0.1:%d/hook" % port, "http://localhost/hook", "http://[::1]/hook", "http://169.254.169.254/latest/",
               "http://10.0.0.8/hook", "http://192.168.1.1/hook", "http://0x7f.1/hook", "http://[::ffff:127.0.0.1]/hook",
               "http://0.0.0.0:%d/" % port]
    c = Client(base)
    _, page, _ = c.get("/sites/hukou/dingyue")
    scope = re.search(r'<option value="([^"]+)"', page)
    accepted = []
    for target in targets:
        c.get("/sites/hukou/dingyue")
        status, text, _ = c.post("/sites/hukou/dingyue", [("scope", scope.group(1) if scope else "site:"), ("channel", "webhook"), ("address", target)])
        if status < 400 or "已拒绝" not in text and "无法解析" not in text:
            accepted.append((target, status))
    check(not accepted, "%d internal addresses refused on the form %s" % (len(targets), accepted))


def personal_data(base):
    print("50 ways of writing personal data: none published")
    corpus = json.load(open(os.path.join(ROOT, "Tests/Fixtures/security/pii-evasions.json")))
    c = Client(base)
    c.login("hukou-minzheng")
    token = new_token(c, "个人信息检查测试")
    published = []
    for case in corpus:
        status, body = api(base, "POST", "/api/v1/publications", token,
                           {"title": "个人信息检查：" + case["label"], "body": "情况说明：" + case["text"], "formedOn": "2026-09-21"})
        if status != 201:
            published.append((case["label"], "create %d" % status))
            continue
        status, body = api(base, "POST", "/api/v1/publications/%s/publish" % body["id"], token)
        if status != 422:
            published.append((case["label"], status))
    check(len(corpus) == 50 and not published, "%d evasions, each refused with 422 at publishing %s" % (len(corpus), published))


def restore_while_serving(server):
    print("restore while the server runs")
    backup = os.path.join(server.data_dir, "..", os.path.basename(server.data_dir) + "-backup")
    made = server.cli("backup", "--output", backup)
    check(made.returncode == 0, "backup while serving succeeded")
    mode = oct(os.stat(os.path.join(backup, "gongkai.sqlite")).st_mode & 0o777)
    check(mode == "0o600", "the backup's database is readable by its owner only (%s)" % mode)
    before = os.stat(os.path.join(server.data_dir, "gongkai.sqlite")).st_ino
    restored = server.cli("restore", "--input", backup)
    check(restored.returncode != 0 and "正被运行中" in restored.stderr + restored.stdout,
          "restore refused while serving: " + (restored.stderr + restored.stdout).strip()[-160:])
    check(os.stat(os.path.join(server.data_dir, "gongkai.sqlite")).st_ino == before, "the database was not moved")
    shutil.rmtree(backup, ignore_errors=True)


def small_things(base):
    print("Redirects, /metrics, the public API and long URLs")
    c = Client(base)
    for back in ["/%09/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example/"]:
        status, _, headers = c.get("/prefs/text-size?large=1&back=" + back)
        check("evil" not in headers.get("Location", ""), "text-size back=%s stays on the site (%s)" % (back, headers.get("Location")))
    check(c.get("/metrics")[0] == 200, "/metrics answers this machine")
    check(c.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})[0] == 404, "/metrics through a proxy: 404")
    status, text, headers = c.get("/sites/no-such-site")
    check(status == 404 and "Content-Security-Policy" in headers, "error pages carry the security headers")
    editor = Client(base)
    editor.login("hukou-minzheng")
    token = new_token(editor, "草稿读取测试")
    status, body = api(base, "POST", "/api/v1/publications", token, {"title": "未发布的草稿", "body": "草稿正文"})
    draft = body.get("id") if isinstance(body, dict) else None
    check(api(base, "GET", "/api/v1/publications/%s" % draft)[0] == 404, "anonymous API read of a draft: 404")
    check(api(base, "GET", "/api/v1/publications/%s" % draft, token)[0] == 200, "the unit's token reads its draft")
    status, _, _ = editor.request("GET", "/api/v1/publications/%s" % draft)
    check(status == 404, "a session cookie does not count in the API (%d)" % status)
    status, _ = api(base, "POST", "/api/v1/publications/%s/publish" % draft, token, payload=None)
    req = urllib.request.Request(base + "/api/v1/publications/%s/publish" % draft, data=b"{not json", method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=30)
        code = 200
    except urllib.error.HTTPError as e:
        code = e.code
    check(code == 400, "publish with a malformed body: 400, nothing published (%d)" % code)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def duty_lists(base):
    """A 权责清单 workbook over a real socket: refused files name row and column and store nothing; a good one is
    checked, imported, reviewed by the unit and published by the office, then the portal and the API show it. (The
    fixture is a 交通运输局's list; the demo county has no such bureau, so 住建局 imports it.)"""
    print("权责清单: upload, review, publish")
    fixtures = os.path.join(ROOT, "Tests/Fixtures/lists")
    admin = Client(base)
    admin.login("hukou-admin")
    admin.get("/admin/lists")
    unit_match = re.search(r'<option value="([0-9A-F-]{36})">湖口县住房和城乡建设局</option>', admin.last)
    check(unit_match is not None, "the import form offers 湖口县住房和城乡建设局")
    if not unit_match:
        return
    unit = unit_match.group(1)
    before = admin.get("/admin/lists")[1].count("<tr>")
    for name, expect in (("power-broken.xlsx", "第4行"), ("not-a-workbook.xlsx", "xlsx")):
        with open(os.path.join(fixtures, name), "rb") as f:
            data = f.read()
        status, text, _ = admin.upload("/admin/lists/import", [("unit", unit), ("kind", "power")], "file", name, data, XLSX)
        check(status == 422 and "未导入" in text and expect in text, "%s refused with where (%d)" % (name, status))
        admin.get("/admin/lists")
    check(admin.get("/admin/lists")[1].count("<tr>") == before, "refused files stored nothing")
    with open(os.path.join(fixtures, "power-jiaotong.xlsx"), "rb") as f:
        data = f.read()
    status, text, _ = admin.upload("/admin/lists/import", [("unit", unit), ("kind", "power"), ("dry_run", "1")], "file", "权责清单.xlsx", data, XLSX)
    check(status == 200 and "检查通过" in text and "权责清单10项" in text, "dry run reads 10 rows (%d)" % status)
    admin.get("/admin/lists")
    status, _, headers = admin.upload("/admin/lists/import", [("unit", unit), ("kind", "power")], "file", "权责清单.xlsx", data, XLSX)
    location = headers.get("Location", "")
    check(status == 303 and "/admin/lists/" in location, "import answers with the list's page (%d)" % status)
    list_path = location.split("?")[0]
    for action in ("submit", "approve-unit", "publish"):
        page = admin.get(list_path)[1]
        lock = re.search(r'name="lock_version" value="(\d+)"', page)
        version = re.search(r'name="version" value="(\d+)"', page)
        status, _, _ = admin.post(list_path + "/actions", [("action", action), ("version", version.group(1) if version else ""),
                                                           ("lock_version", lock.group(1) if lock else "")])
        check(status == 303, "%s: 303 (%d)" % (action, status))
    status, text, _ = Client(base).get("/sites/hukou/banshi/qingdan/quanze")
    check(status == 200 and "湖口县住房和城乡建设局" in text, "the portal lists the published 权责清单")
    status, body = api(base, "GET", "/api/v1/power-lists?site=hukou&unit=" + urllib.parse.quote("湖口县住房和城乡建设局"))
    rows = body["items"][0]["rows"] if isinstance(body, dict) and body.get("items") else []
    check(status == 200 and len(rows) == 10 and rows[1]["subItem"].startswith("跨越"), "the API gives the 10 rows with 子项")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/gongkai"))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    sqlite = args.database_url is None
    data_dir = tempfile.mkdtemp(prefix="gongkai-probe-")
    port = free_port()
    server = Server(args.binary, data_dir, port, args.database_url)
    base = "http://127.0.0.1:%d" % port
    print("== probe over HTTP (%s) on %s" % ("SQLite" if sqlite else "PostgreSQL", base), flush=True)
    try:
        started = time.time()
        server.start()
        print("  server ready in %.1f s" % (time.time() - started))
        large_forms(base)
        concurrent_writers(base, server, sqlite, seconds=args.seconds)
        hostile_sweep(base)
        login_guessing(base)
        login_flood(base)
        webhooks(base, port)
        personal_data(base)
        if sqlite:
            restore_while_serving(server)
        small_things(base)
        duty_lists(base)
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print("probe: %d passed, %d failed" % (results["passed"], results["failed"]))
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
