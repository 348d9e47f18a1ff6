# Varnish in front of Khabar app nodes (docs/operations.md, "Several nodes").
# Caches by the app's Cache-Control, tags objects with the app's Surrogate-Key header (xkey), and
# accepts purges from the app nodes: `PURGE` with `xkey-purge: key1 key2` (or a URL purge),
# from an address in the `khabar_purgers` ACL and with the shared secret in
# `X-Khabar-Purge-Secret` (varnishd's environment variable KHABAR_PURGE_SECRET; empty: ACL alone).
# Needs Debian's `varnish` (7.x) and `varnish-modules` (xkey).
vcl 4.1;

import std;
import directors;
import xkey;

probe khabar_ready {
    # /readyz answers 200 only while the node's store is reachable and migrated.
    .url = "/readyz";
    # A node is taken out after 3 failed probes of the last 5 (about 6 s), and back in after 3 good.
    .interval = 2s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

sub vcl_init {
    new khabar_nodes = directors.round_robin();
}

# The site's part: backends (one per app node, each with `.probe = khabar_ready`), a vcl_init
# that adds them to `khabar_nodes`, and `acl khabar_purgers`. See backends.example.vcl.
include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = khabar_nodes.backend();

    if (req.method == "PURGE") {
        if (!client.ip ~ khabar_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (std.getenv("KHABAR_PURGE_SECRET") != "" && req.http.X-Khabar-Purge-Secret != std.getenv("KHABAR_PURGE_SECRET")) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            # Every object tagged with any of these keys goes at once (xkey.softpurge would keep
            # them for grace instead).
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, previews, signed-in editors and the node's own endpoints are never cached.
    if (req.url ~ "^/(admin|preview)(/|$|\?)" || req.url ~ "^/(metrics|healthz|readyz)$") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)khabar_session=") {
        return (pass);
    }
    # A reader who commented sees their own held comment: their article pages are personal.
    if (req.http.Cookie ~ "(^|;\s*)khabar_commenter=") {
        return (pass);
    }
    # Everything else is the same for every reader: no cookie reaches the cache key or the app.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The app names what each page shows; xkey indexes objects by these keys.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # TTL comes from the app's Cache-Control (s-maxage first, then max-age); private, no-store and
    # Set-Cookie responses stay uncacheable (Varnish's built-in logic). Keep objects a while past
    # their TTL to serve them if every node is down (stale-if-error style) or while refetching.
    set beresp.grace = 1h;
    # A node answering 5xx (its store is down) is not cached and not kept.
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_backend_error {
    # A node that died with the request in flight: try another node (reads only).
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Keys are for caches, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
