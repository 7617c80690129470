package dev.concierge.server.http;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address for per-IP limits. Behind a load balancer the TCP peer is the balancer, and every client
 * would share its buckets (ten agents logging in at the start of a shift were refused): when the peer is one of
 * {@code limits.trustedProxies} (addresses or CIDR blocks), the client is the right-most {@code X-Forwarded-For}
 * address that is not a trusted proxy itself. With no trusted proxies the header is ignored, since any client can
 * write it.
 */
public final class ClientAddress {
    private final List<byte[][]> trusted; // {network, mask}

    public ClientAddress(List<String> trustedProxies) {
        List<byte[][]> blocks = new ArrayList<>();
        for (String entry : trustedProxies) {
            blocks.add(block(entry));
        }
        this.trusted = List.copyOf(blocks);
    }

    /** @throws IllegalArgumentException for an entry that is neither an IP address nor a CIDR block */
    static byte[][] block(String entry) {
        String text = entry.strip();
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("limits.trustedProxies: not an IP address or CIDR block: " + entry);
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("limits.trustedProxies: bad prefix length in " + entry);
            }
        }
        byte[] mask = new byte[address.length];
        for (int i = 0; i < mask.length; i++) {
            int inByte = Math.max(0, Math.min(8, bits - i * 8));
            mask[i] = (byte) (0xff << (8 - inByte));
            address[i] &= mask[i];
        }
        return new byte[][] {address, mask};
    }

    /** The bytes of a numeric IPv4/IPv6 literal, or null (never a DNS lookup). */
    private static byte[] literal(String text) {
        if (text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean trusted(String ip) {
        byte[] address = literal(ip);
        if (address == null) {
            return false;
        }
        for (byte[][] block : trusted) {
            if (block[0].length != address.length) {
                continue;
            }
            boolean inside = true;
            for (int i = 0; i < address.length && inside; i++) {
                inside = (address[i] & block[1][i]) == block[0][i];
            }
            if (inside) {
                return true;
            }
        }
        return false;
    }

    /** The client's address for a request or socket from {@code peer} with these headers. */
    public String of(SocketAddress peer, MultiMap headers) {
        String ip = peer == null ? "unknown" : peer.hostAddress();
        if (trusted.isEmpty() || !trusted(ip)) {
            return ip;
        }
        List<String> hops = new ArrayList<>();
        for (String header : headers.getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                return ip; // a forged or broken hop: the proxy itself is all we know
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return ip;
    }
}
