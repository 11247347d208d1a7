package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command stops rendering once its reader has gone (`gatehouse matrix … | head`), and passes everything through until then. */
class GoneReaderGuardTest {
    /** A pipe whose reader takes {@code limit} bytes and then goes: every later write fails, as EPIPE does. */
    private static final class ClosingPipe extends OutputStream {
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        final int limit;
        long attempted;

        ClosingPipe(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            attempted += len;
            if (read.size() + len > limit) {
                throw new IOException("Broken pipe");
            }
            read.write(b, off, len);
        }
    }

    @Test
    void passesEverythingThroughWhileTheReaderReads() throws IOException {
        StringWriter target = new StringWriter();
        PrintWriter out = new PrintWriter(target);
        try (GoneReaderGuard guard = new GoneReaderGuard(out)) {
            for (int i = 0; i < 10_000; i++) {
                guard.append("line ").append(String.valueOf(i)).append('\n');
            }
            guard.write("tail".toCharArray(), 0, 4);
        }
        String text = target.toString();
        assertTrue(text.startsWith("line 0\nline 1\n"), text.substring(0, 20));
        assertTrue(text.endsWith("line 9999\ntail"));
        assertEquals(10_000, text.lines().filter(l -> l.startsWith("line ")).count());
    }

    @Test
    void failsSoonAfterTheReaderHasGone() {
        ClosingPipe pipe = new ClosingPipe(1_000);
        GoneReaderGuard guard = new GoneReaderGuard(new PrintWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8)));
        int[] written = {0};
        assertThrows(GoneReaderGuard.ReaderGone.class, () -> {
            for (int i = 0; i < 1_000_000; i++) {
                guard.append("a row of the matrix\n");
                written[0]++;
            }
        });
        assertTrue(written[0] < 2_000, "stopped after " + written[0] + " rows, not a million");
    }

    @Test
    void aMatrixPipedIntoAReaderThatGoesStopsQuietlyWithExitZero(@TempDir Path ws) throws IOException {
        // One agent declaring 1,500 tools: a CSV of 1,500 rows, about 120 kB.
        StringBuilder agent = new StringBuilder("apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: many\nspec:\n  prompt: p\n  tools:\n");
        for (int i = 0; i < 1_500; i++) {
            agent.append("    - tool-").append(i).append('\n');
            Files.writeString(ws.resolve("tool-" + i + ".yaml"), "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: tool-" + i
                    + "\nspec:\n  type: http\n  endpoint: https://t.example.com/" + i + "\n");
        }
        Files.writeString(ws.resolve("agent.yaml"), agent.toString());
        String full = CliRun.of("matrix", "--format", "csv", ws.toString()).out();
        assertEquals(1_501, full.lines().count(), "the whole matrix when it is read to the end");

        ClosingPipe pipe = new ClosingPipe(2_000);
        StringWriter err = new StringWriter();
        int exit = GatehouseCommand.run(new String[] {"matrix", "--format", "csv", ws.toString()},
                new PrintWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8), true), new PrintWriter(err));
        assertEquals(0, exit);
        assertEquals("", err.toString());
        assertEquals(full.substring(0, pipe.read.size()), pipe.read.toString(StandardCharsets.UTF_8), "what was read is the matrix's start");
        assertTrue(pipe.attempted < full.length() / 2, "tried " + pipe.attempted + " of " + full.length() + " bytes after the reader had gone");
    }
}
