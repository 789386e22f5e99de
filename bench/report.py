#!/usr/bin/env python3
"""Turns the key=value lines bench/run.sh collects into bench/results/latest.md.

A key that occurs several times (one per wrk round) is averaged, except p99 and max latencies,
where the worst round is reported.
"""
import datetime
import os
import platform
import subprocess
import sys
from collections import defaultdict

TARGET_READ_RATIO = 50.0   # % of the bare server's customer reads
TARGET_READ_P99_MS = 10.0
TARGET_SEARCH_P99_MS = 20.0
TARGET_IMPORT_ROWS_S = 100_000
KINDS = ["surname_1", "name_2", "name_3plus", "phone_digits", "plate", "company"]


def load(path):
    values = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                values[key].append(value)
    return values


class Figures:
    def __init__(self, values):
        self.values = values

    def num(self, key, worst=False):
        raw = [float(v) for v in self.values.get(key, []) if v not in ("", "nan")]
        if not raw:
            return None
        return max(raw) if worst else sum(raw) / len(raw)

    def text(self, key):
        raw = self.values.get(key)
        return raw[-1] if raw else None


def fmt(value, digits=0, suffix=""):
    if value is None:
        return "—"
    if digits == 0:
        return f"{value:,.0f}{suffix}"
    return f"{value:,.{digits}f}{suffix}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{100.0 * a / b:.1f}%"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    nproc = os.cpu_count()
    try:
        nproc = int(subprocess.check_output(["nproc"], text=True).strip())
    except (OSError, ValueError, subprocess.CalledProcessError):
        pass
    return f"`nproc` = {nproc}, {cpu}, {fmt(mem_gb, 0)} GB RAM, {platform.system()} {platform.release()}"


def search_cell(f, key, kind, field):
    n = f.num(f"{key}.{kind}.n")
    if n is None:
        return "—"
    value = f.num(f"{key}.{kind}.{field}", worst=True)
    cell = fmt(value, 1)
    errors = f.num(f"{key}.{kind}.errors") or 0
    if kind == "all":
        planned = f.num(f"{key}.all.planned")
        if planned and n < planned:
            cell += f" ({n:.0f} of {planned:.0f} run)"
    if errors:
        cell += f" ({errors:.0f} errors)"
    return cell


def import_cell(f, key, seconds_key="seconds"):
    rows = f.num(f"{key}.rows")
    seconds = f.num(f"{key}.{seconds_key}")
    status = f.text(f"{key}.status")
    if rows is None or seconds is None:
        return "—"
    if status == "committed":
        return f"{rows / seconds:,.0f} ({rows:,.0f} rows in {seconds:,.1f} s)"
    return f"{status}: < {rows / seconds:,.1f} ({rows:,.0f} rows, stopped after {seconds:,.0f} s)"


def main():
    f = Figures(load(sys.argv[1]))
    has_pg = f.num("pg.get.rps") is not None
    out = []
    w = out.append
    w("# Patron benchmark: latest figures")
    w("")
    w(f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}")
    w(f"- Machine: {machine()}")
    w(f"- Dataset: {fmt(f.num('customers'))} customers, {fmt(f.num('vehicles'))} vehicles, "
      f"{fmt(f.num('interactions'))} interactions + {fmt(f.num('customers'))} history entries "
      f"(timeline); SQLite file {fmt(f.num('sqlite.db_mb'))} MB"
      + (f", PostgreSQL database {fmt(f.num('pg.db_mb'))} MB" if has_pg else ""))
    w(f"- wrk -t1 -c64 -d{f.text('duration')} per run, {f.text('rounds')} alternating bare/Patron rounds of "
      f"customer reads per backend; bare server and Patron on 127.0.0.1, 2 I/O threads each; "
      f"whole run {fmt(f.num('wall_seconds'))} s")
    w("- Bare = ../shared/bench/bare_server.cpp (no auth, no checks, one prepared SQLite statement) on the same "
      "ids and values. Ratio = Patron / bare of the same run. Latencies in ms; p99 = worst round.")
    w("")
    w("| metric | SQLite | PostgreSQL | bare | ratio SQLite (PG) | target |")
    w("|---|---|---|---|---|---|")

    def row(metric, sqlite, pg, bare, ratio_text, target):
        w(f"| {metric} | {sqlite} | {pg} | {bare} | {ratio_text} | {target} |")

    s_get = f.num("sqlite.get.rps")
    s_bare = f.num("sqlite.bare_get.rps")
    a_get = f.num("sqlite_analyzed.get.rps")
    a_bare = f.num("sqlite_analyzed.bare_get.rps")
    p_get = f.num("pg.get.rps")
    p_bare = f.num("pg.bare_get.rps")
    row("1. customer GET req/s, pass 1: database as loaded (statistics only if Patron gathers them)", fmt(s_get), "—", fmt(s_bare),
        ratio(s_get, s_bare), "≥ 50% of bare")
    row("1. customer GET p99, pass 1", fmt(f.num("sqlite.get.p99_ms", True), 2), "—",
        fmt(f.num("sqlite.bare_get.p99_ms", True), 2), "", "< 10 ms")
    row("1. customer GET req/s, pass 2: after the bench ran ANALYZE (PG: VACUUM ANALYZE)", fmt(a_get),
        fmt(p_get), f"{fmt(a_bare)} ({fmt(p_bare)})", f"{ratio(a_get, a_bare)} ({ratio(p_get, p_bare)})",
        "≥ 50% of bare")
    row("1. customer GET p99, pass 2", fmt(f.num("sqlite_analyzed.get.p99_ms", True), 2),
        fmt(f.num("pg.get.p99_ms", True), 2),
        f"{fmt(f.num('sqlite_analyzed.bare_get.p99_ms', True), 2)} ({fmt(f.num('pg.bare_get.p99_ms', True), 2)})",
        "", "< 10 ms")
    non2xx = sum(f.num(k) or 0 for k in ("sqlite.get.non2xx", "sqlite_analyzed.get.non2xx", "pg.get.non2xx"))
    errors = sum(f.num(k) or 0 for k in ("sqlite.get.errors", "sqlite_analyzed.get.errors", "pg.get.errors"))
    if non2xx or errors:
        row("1. customer GET non-2xx / socket errors (all rounds)", f"{non2xx:.0f} / {errors:.0f}", "", "", "", "0")
    s_h = f.num("sqlite.healthz.rps")
    s_hb = f.num("sqlite.bare_healthz.rps")
    p_h = f.num("pg.healthz.rps")
    p_hb = f.num("pg.bare_healthz.rps")
    row("2. /healthz req/s", fmt(s_h), fmt(p_h), f"{fmt(s_hb)} ({fmt(p_hb)})",
        f"{ratio(s_h, s_hb)} ({ratio(p_h, p_hb)})", "")
    row("2. /healthz p99", fmt(f.num("sqlite.healthz.p99_ms", True), 2), fmt(f.num("pg.healthz.p99_ms", True), 2),
        f"{fmt(f.num('sqlite.bare_healthz.p99_ms', True), 2)} ({fmt(f.num('pg.bare_healthz.p99_ms', True), 2)})", "",
        "")
    row("3. search p50 / p99, pass 1", f"{search_cell(f, 'sqlite.search', 'all', 'p50_ms')} / "
        f"{search_cell(f, 'sqlite.search', 'all', 'p99_ms')}", "—", "", "", "p99 < 20 ms")
    row("3. search p50 / p99, pass 2", f"{search_cell(f, 'sqlite_analyzed.search', 'all', 'p50_ms')} / "
        f"{search_cell(f, 'sqlite_analyzed.search', 'all', 'p99_ms')}",
        f"{search_cell(f, 'pg.search', 'all', 'p50_ms')} / {search_cell(f, 'pg.search', 'all', 'p99_ms')}", "", "",
        "p99 < 20 ms")
    row("4. import rows/s until committed (`patron import customers`, whole CSV, from start incl. validation; "
        "the rows are listed and found by search from then on)",
        import_cell(f, "sqlite.import", "committed_seconds"), import_cell(f, "pg.import", "committed_seconds"), "", "",
        f"≥ {TARGET_IMPORT_ROWS_S:,}")
    row("4. import rows/s until the search index has them too (the command's wall time)",
        import_cell(f, "sqlite.import"), import_cell(f, "pg.import"), "", "", "")
    row("5. server RSS after start, MB (anon + file)",
        f"{fmt(f.num('sqlite.start.rss_mb'))} ({fmt(f.num('sqlite.start.rss_anon_mb'))} + "
        f"{fmt(f.num('sqlite.start.rss_file_mb'))})",
        f"{fmt(f.num('pg.start.rss_mb'))} ({fmt(f.num('pg.start.rss_anon_mb'))} + "
        f"{fmt(f.num('pg.start.rss_file_mb'))})",
        fmt(f.num("bare.start.rss_mb")), "", "")
    row("5. server RSS after the benchmarks, MB (anon + file)",
        f"{fmt(f.num('sqlite_analyzed.loaded.rss_mb'))} ({fmt(f.num('sqlite_analyzed.loaded.rss_anon_mb'))} + "
        f"{fmt(f.num('sqlite_analyzed.loaded.rss_file_mb'))})",
        f"{fmt(f.num('pg.loaded.rss_mb'))} ({fmt(f.num('pg.loaded.rss_anon_mb'))} + "
        f"{fmt(f.num('pg.loaded.rss_file_mb'))})",
        fmt(f.num("bare.loaded.rss_mb")), "", "")
    row("dataset load, s (SQLite: patron_benchgen through the repositories; PG: table copy of it)",
        fmt(f.num("sqlite.load_seconds"), 1), fmt(f.num("pg.copy_seconds"), 1), "", "", "")
    row("ANALYZE, s", fmt(f.num("sqlite.analyze_seconds"), 1), fmt(f.num("pg.analyze_seconds"), 1), "", "", "")
    w("")
    w("Search latency per query kind (1,000 queries sampled from the data, one at a time, page_size=20), "
      "p50 / p99 ms:")
    w("")
    w("| kind | n | SQLite pass 1 | SQLite pass 2 (ANALYZE) | PostgreSQL |")
    w("|---|---|---|---|---|")
    for kind in KINDS + ["all"]:
        n = f.num(f"sqlite_analyzed.search.{kind}.n") or f.num(f"pg.search.{kind}.n")
        cells = []
        for key in ("sqlite.search", "sqlite_analyzed.search", "pg.search"):
            if f.num(f"{key}.{kind}.n") is None:
                cells.append("—")
            else:
                cells.append(f"{fmt(f.num(f'{key}.{kind}.p50_ms'), 1)} / {fmt(f.num(f'{key}.{kind}.p99_ms'), 1)}"
                             + ("" if f"{key}.{kind}" == "x" else ""))
        shipped_n = f.num(f"sqlite.search.{kind}.n")
        if shipped_n is not None and n and shipped_n < n:
            cells[0] += f" (n={shipped_n:.0f})"
        w(f"| {kind} | {fmt(n)} | " + " | ".join(cells) + " |")
    w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
