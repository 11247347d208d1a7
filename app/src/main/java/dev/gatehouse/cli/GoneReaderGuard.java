package dev.gatehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A command's output as a {@link Writer} that fails once nobody reads it any more. A {@link PrintWriter} swallows
 * write errors into a flag, so a long rendering piped into {@code head} would go on for every remaining row into a
 * closed pipe; this asks the flag every so many writes (asking flushes) and then throws {@link ReaderGone}.
 */
final class GoneReaderGuard extends Writer {
    /** Writes between two checks: a check flushes, so not on every cell. */
    private static final int CHECK_EVERY = 256;

    /** The reader of the output has gone (a closed pipe, a full disk): the rendering stops, nothing is wrong with it. */
    static final class ReaderGone extends IOException {
        ReaderGone() {
            super("the output was closed");
        }
    }

    private final PrintWriter out;
    private int writes;

    GoneReaderGuard(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        counted();
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        out.write(s, offset, length);
        counted();
    }

    @Override
    public Writer append(CharSequence s) throws IOException {
        out.append(s);
        counted();
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        out.append(c);
        counted();
        return this;
    }

    private void counted() throws ReaderGone {
        if (++writes % CHECK_EVERY == 0 && out.checkError()) {
            throw new ReaderGone();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (out.checkError()) {
            throw new ReaderGone();
        }
    }

    /** The command's output stays open: closing this only flushes it. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
