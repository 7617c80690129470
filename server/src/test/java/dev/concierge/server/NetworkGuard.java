package dev.concierge.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists this JVM's TCP connections to anything but loopback, from /proc (Linux): our processes may talk only to
 * 127.0.0.1. Libraries that phone home (DJL's tokenizer, update checks) would show up here.
 */
final class NetworkGuard {
    private NetworkGuard() {
    }

    static boolean supported() {
        return Files.isReadable(Path.of("/proc/self/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Remote addresses (hex, as in /proc) of this process's open or opening TCP connections off loopback. */
    static List<String> nonLoopbackConnections() throws IOException {
        Set<String> inodes = socketInodes();
        List<String> offenders = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String remote = f[2];
                String state = f[3];
                String inode = f[9];
                boolean active = state.equals("01") || state.equals("02") || state.equals("03");
                if (active && inodes.contains(inode) && !isLoopback(remote.substring(0, remote.indexOf(':')))) {
                    offenders.add(remote);
                }
            }
        }
        return offenders;
    }

    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F"); // little-endian 127.x.x.x
        }
        return hex.equals("00000000000000000000000001000000") // ::1
                || hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F");
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // the fd closed meanwhile
                }
            });
        }
        return inodes;
    }
}
