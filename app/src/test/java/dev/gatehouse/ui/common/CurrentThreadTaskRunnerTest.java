package dev.gatehouse.ui.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CurrentThreadTaskRunnerTest {
    private final List<String> seen = new ArrayList<>();

    @Test
    void valueGoesToSuccessBeforeRunReturns() {
        new CurrentThreadTaskRunner().run(() -> "read", v -> seen.add("ok " + v), e -> seen.add("failed " + e.getMessage()));

        assertEquals(List.of("ok read"), seen);
    }

    @Test
    void thrownExceptionGoesToFailure() {
        new CurrentThreadTaskRunner().run(() -> {
            throw new IOException("disk gone");
        }, v -> seen.add("ok " + v), e -> seen.add("failed " + e.getMessage()));

        assertEquals(List.of("failed disk gone"), seen);
    }

    @Test
    void failingSuccessHandlerIsNotReportedAsFailedWork() {
        assertThrows(IllegalStateException.class, () -> new CurrentThreadTaskRunner().run(() -> "read",
                v -> {
                    throw new IllegalStateException("bug in handler");
                }, e -> seen.add("failed " + e.getMessage())));
        assertEquals(List.of(), seen);
    }
}
