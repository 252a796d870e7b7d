#!/usr/bin/env python3
"""Prints pages through headless Chromium to PDF, as a clerk's 打印 would, and checks each page's paper.

Every document type has its own paper (issue 18, gongkai.css `@page`): a 告知书 on A4 portrait in the 公文
margins, an information page on A4 portrait, a page holding a wide table (a catalog) on A4 landscape.

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
        driver.quit()
        if failures:
            sys.exit("printing: " + "; ".join(failures))
        print("printing: every document on its own paper")
    finally:
        if server:
            server.terminate()


if __name__ == "__main__":
    main()
