# Copy to backends.vcl beside khabar.vcl and list your app nodes.
backend node_a { .host = "10.0.0.11"; .port = "3000"; .probe = khabar_ready; .connect_timeout = 1s; .first_byte_timeout = 30s; }
backend node_b { .host = "10.0.0.12"; .port = "3000"; .probe = khabar_ready; .connect_timeout = 1s; .first_byte_timeout = 30s; }
backend node_c { .host = "10.0.0.13"; .port = "3000"; .probe = khabar_ready; .connect_timeout = 1s; .first_byte_timeout = 30s; }

sub vcl_init {
    khabar_nodes.add_backend(node_a);
    khabar_nodes.add_backend(node_b);
    khabar_nodes.add_backend(node_c);
}

# The app nodes (they send the purges) and the host itself.
acl khabar_purgers {
    "127.0.0.1";
    "10.0.0.0"/24;
}
