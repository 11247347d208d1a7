package dev.gatehouse.core.workspace;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when anything under a folder changes on disk (another program saved a manifest, a checkout switched
 * branches), once per burst: {@code onChange} runs on the watcher's own daemon thread after {@code quietMillis}
 * without further events. Sub-folders, new ones included, are watched too.
 */
public final class FolderWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FolderWatcher.class.getName());

    private final WatchService service;
    private final Thread thread;

    private FolderWatcher(Path root, long quietMillis, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        registerAll(root);
        this.thread = new Thread(() -> loop(quietMillis, onChange), "gatehouse-watch");
        thread.setDaemon(true);
        thread.start();
    }

    public static FolderWatcher start(Path root, long quietMillis, Runnable onChange) throws IOException {
        return new FolderWatcher(root, quietMillis, onChange);
    }

    private void loop(long quietMillis, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                handle(key);
                // Wait for the burst to end: a save is often delete + create + modify, a checkout many files.
                WatchKey more;
                while ((more = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    handle(more);
                }
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the workspace was replaced or the app is exiting.
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created)) {
                    try {
                        registerAll(created);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "could not watch " + created, e);
                    }
                }
            }
        }
        key.reset();
    }

    private void registerAll(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not close the folder watch", e);
        }
        thread.interrupt();
    }
}
