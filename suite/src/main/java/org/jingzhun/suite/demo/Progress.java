package org.jingzhun.suite.demo;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress bar for one phase of the load, e.g. {@code [demo] members 7500/15000 ██████░░░░░░ 50% 41 s}.
 * On a terminal it redraws one line; otherwise (a log file, Maven's forked output) it prints a line at
 * every tenth, so logs stay readable.
 */
final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private int lastTenth = -1;
    private long lastDraw;

    Progress(PrintStream out, String label, int total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = interactive;
    }

    void step() {
        int now = done.incrementAndGet();
        synchronized (this) {
            if (interactive) {
                long time = System.nanoTime();
                if (now >= total || time - lastDraw > REDRAW_NANOS) {
                    lastDraw = time;
                    out.print("\r" + line(now));
                    out.flush();
                }
            } else {
                int tenth = total == 0 ? 10 : Math.min(10, now * 10 / total);
                if (tenth > lastTenth) {
                    lastTenth = tenth;
                    out.println(line(now));
                }
            }
        }
    }

    synchronized void finish() {
        if (interactive) {
            out.print("\r" + line(done.get()) + System.lineSeparator());
        } else if (lastTenth < 10) {
            out.println(line(done.get()));
        }
        out.flush();
    }

    String line(int now) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) now / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format("[demo] %-26s %6d/%-6d %s %3d%% %5.1f s", label, now, total,
                "█".repeat(filled) + "░".repeat(WIDTH - filled), Math.round(fraction * 100),
                (System.nanoTime() - started) / 1e9);
    }
}
