package io.switchboard.notification.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.notification.NotificationConfig;

/**
 * Keeps webhooks from being turned against the platform's own network: a host that resolves to a loopback, link-local
 * (cloud metadata, 169.254.169.254), private (RFC 1918, 100.64.0.0/10, fc00::/7), multicast or unspecified address is
 * refused, unless an operator allowed its range ({@code switchboard.notification.webhooks.allowed-ranges}). Checked
 * when a webhook is registered and again before every delivery, which then connects to the very address checked (a DNS
 * answer that changes in between cannot redirect it).
 */
@ApplicationScoped
public class WebhookAddresses {

    /** A webhook's host names an address it may not reach. */
    public static final class ForbiddenAddressException extends RuntimeException {

        ForbiddenAddressException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Range> allowed = new ArrayList<>();

    public WebhookAddresses(NotificationConfig config) {
        config.webhooks().allowedRanges().orElse(List.of()).stream().map(String::trim).filter(r -> !r.isEmpty())
                .map(Range::parse).forEach(allowed::add);
    }

    /**
     * Resolves the host (blocking: call it off the event loop) and answers the address to connect to.
     *
     * @throws ForbiddenAddressException
     *             when any address of the host may not be reached
     * @throws UnknownHostException
     *             when the host does not resolve
     */
    public InetAddress resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(bare(host));
        for (InetAddress address : addresses) {
            check(host, address);
        }
        return addresses[0];
    }

    /** Refuses an address literal in a URL at once; a host name passes (it is resolved later). */
    void checkLiteral(String host) {
        String bare = bare(host);
        if (isLiteral(bare)) {
            InetAddress address;
            try {
                address = InetAddress.getByName(bare);
            } catch (UnknownHostException | RuntimeException e) {
                throw new ForbiddenAddressException("The webhook's host " + host
                        + " is a numeric form webhooks may not reach; write the address in full.");
            }
            check(host, address);
        }
    }

    private void check(String host, InetAddress address) {
        if (isInternal(address) && allowed.stream().noneMatch(range -> range.contains(address))) {
            throw new ForbiddenAddressException("The webhook's host " + host + " is or resolves to "
                    + address.getHostAddress() + ", an address webhooks may not reach.");
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean sharedAddressSpace = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean broadcast = b.length == 4 && address.getHostAddress().equals("255.255.255.255");
        boolean thisNetwork = b.length == 4 && b[0] == 0;
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress() || sharedAddressSpace || uniqueLocal
                || broadcast || thisNetwork || mappedInternal(address);
    }

    /** IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d) are judged by that address. */
    private static boolean mappedInternal(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        if (!((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return false;
        }
        try {
            return isInternal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** An address range in CIDR notation; a bare address is a range of one. */
    record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                byte[] network = InetAddress.getByName(bare(parts[0])).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8 || !isLiteral(bare(parts[0]))) {
                    throw new IllegalArgumentException();
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "switchboard.notification.webhooks.allowed-ranges: '" + cidr + "' is not an address range");
            }
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
