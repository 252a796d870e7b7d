#!/usr/bin/env python3
"""Looks at pages as people do, in headless Chromium: printed to PDF, and on a 390 px phone.

Printing: every document type has its own paper (issue 18, gongkai.css `@page`): a 告知书 on A4 portrait in the
公文 margins, an information page on A4 portrait, a page holding a wide table (a catalog) on A4 landscape.
Phones: no page wider than the screen, no table cell whose text is cut off or squeezed (the information page's
metadata table stacks label/value), the portal's menu in at most five rows, the 依申请公开 form's tel and 查询码 inputs styled
like the others — in standard and 大字版.

Needs Debian's `chromium` and `chromium-driver` and PyPI's `selenium`. Starts the built server
(`.build/debug/gongkai`, demo data in a temporary directory) unless `--base URL` names a running one.
Exits 1 and says which page printed on which paper.
"""
import argparse, base64, os, re, subprocess, sys, tempfile, time, urllib.request, pathlib

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parent.parent
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)


def wait_for(base):
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except Exception:
            time.sleep(1)
    sys.exit(f"server at {base} did not answer")


def paper(driver):
    """The sizes of the printed pages in points, rounded, as the PDF's MediaBoxes give them."""
    data = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pdf = base64.b64decode(data["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return {(round(float(b[2]) - float(b[0])), round(float(b[3]) - float(b[1]))) for b in boxes}, len(boxes)


PHONE_CHECK = """
const problems = [];
if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('page ' + document.documentElement.scrollWidth + ' px wide');
for (const cell of document.querySelectorAll('main th, main td')) {
  if (cell.scrollWidth > cell.clientWidth + 2) problems.push('cut off: ' + cell.textContent.trim().slice(0, 20));
}
// A label squeezed to one or two characters a line is as unreadable as one cut off.
for (const th of document.querySelectorAll('table.metadata th')) {
  if (th.getBoundingClientRect().width < 3.5 * parseFloat(getComputedStyle(th).fontSize)) problems.push('squeezed: ' + th.textContent.trim());
}
const nav = document.querySelector('nav[aria-label="栏目导航"] ul');
if (nav) {
  const rows = new Set([...nav.querySelectorAll('li')].map(li => Math.round(li.getBoundingClientRect().top)));
  if (rows.size > 5) problems.push('menu in ' + rows.size + ' rows');
}
for (const input of document.querySelectorAll('main input[type=tel], main input#code')) {
  const style = getComputedStyle(input);
  if (style.borderTopWidth === '2px' && style.borderTopStyle === 'inset' || parseFloat(style.paddingTop) < 3) problems.push('unstyled input ' + (input.id || input.name));
}
return problems;
"""


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as resp:
        return resp.read().decode("utf-8", "replace")


def phone(driver, base, info_path):
    """The pages a resident opens on a phone, at 390 px, in standard and large text."""
    failures = []
    driver.set_window_size(390, 900)
    pages = [("政府信息页面", info_path), ("首页", "/sites/hukou/"), ("申请表", "/sites/hukou/yishenqing/shenqing"),
             ("查询进度", "/sites/hukou/yishenqing/chaxun"), ("网站地图", "/sites/hukou/wzdt"), ("信息发布", "/admin/publications"),
             ("办事服务", "/sites/hukou/banshi"), ("权责清单汇总", "/sites/hukou/banshi/qingdan/quanze")]
    # A unit's 权责清单 (its long 责任事项 must wrap, not widen the page), when the demo has one.
    listed = re.search(r'href="(/sites/hukou/banshi/qingdan/quanze/[0-9A-F-]{36})"', fetch(base, "/sites/hukou/banshi"))
    if listed:
        pages.append(("单位权责清单", listed.group(1)))
    for large in (False, True):
        driver.get(base + "/prefs/text-size?large=" + ("1" if large else "0") + "&back=/")
        for label, path in pages:
            driver.get(base + path)
            problems = driver.execute_script(PHONE_CHECK)
            name = label + ("（大字版）" if large else "")
            print(f"{'ok' if not problems else 'WRONG':5} 390 px {name}: {'; '.join(problems[:3]) or 'fits'}")
            if problems:
                failures.append(f"{name}: {problems[0]}")
    driver.set_window_size(1280, 900)
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", help="a running Gongkai with the demo counties")
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "gongkai"))
    args = parser.parse_args()
    server = None
    base = args.base
    if not base:
        data = tempfile.mkdtemp(prefix="gongkai-print-")
        base = "http://127.0.0.1:8097"
        server = subprocess.Popen([args.binary, "serve", "--port", "8097"], env={**os.environ, "GONGKAI_DATA_DIR": data},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(base)
        options = Options()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options)
        failures = []

        def check(label, path, expected):
            driver.get(base + path)
            sizes, pages = paper(driver)
            verdict = "ok" if sizes == {expected} else "WRONG"
            print(f"{verdict:5} {label}: {pages} page(s) {sorted(sizes)} (expected {expected}) {path}")
            if sizes != {expected}:
                failures.append(label)

        driver.get(base + "/admin/login")
        driver.find_element(By.ID, "name").send_keys("hukou-admin")
        driver.find_element(By.ID, "password").send_keys("gongkai-demo-2020")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        time.sleep(0.5)

        driver.get(base + "/sites/hukou/xinxi")
        info = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".info-list a")][0]
        check("政府信息页面", info.replace(base, ""), A4_PORTRAIT)
        driver.get(base + "/admin/catalogs")
        catalogs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")
                    if re.search(r"/admin/catalogs/[0-9A-F-]{36}$", a.get_attribute("href") or "")]
        for catalog in catalogs[:30]:
            driver.get(catalog)
            if driver.find_elements(By.CSS_SELECTOR, ".catalog-table"):
                check("标准目录", catalog.replace(base, ""), A4_LANDSCAPE)
                break
        else:
            failures.append("no catalog with entries found")
        letter = None
        driver.get(base + "/admin/requests?state=closed")
        cases = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")
                 if re.search(r"/admin/requests/[0-9A-F-]{36}$", a.get_attribute("href") or "")]
        for case in cases[:20]:
            driver.get(case)
            links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")
                     if re.search(r"/letters/\d+$", a.get_attribute("href") or "")]
            if links:
                letter = links[0]
                break
        if letter is None:
            failures.append("no case with a 告知书 found")
        else:
            check("告知书", letter.replace(base, ""), A4_PORTRAIT)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            margin = driver.execute_script("return getComputedStyle(document.querySelector('main')).page")
            print(f"      告知书's named page: {margin} (the 公文 margins)")
            if margin != "letter":
                failures.append("告知书 not on the letter page")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen"})
        failures += phone(driver, base, info.replace(base, ""))
        driver.quit()
        if failures:
            sys.exit("browser checks: " + "; ".join(failures))
        print("browser checks: every document on its own paper; every page fits a 390 px phone")
    finally:
        if server:
            server.terminate()


if __name__ == "__main__":
    main()
