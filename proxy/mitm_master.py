"""The mitmproxy master Tollgate runs on: the proxy machinery, without the interactive tools.

`DumpMaster` loads every addon mitmdump has (replay, map local and remote,
sticky cookies, HAR export, scripts, ...), and mitmproxy offers each event of
every call to each of them: about 400 hook look-ups per call, most of them for
addons Tollgate never uses. This master loads the ones that carry traffic and
guard it; Tollgate's own addons are added to it as before.
"""

from __future__ import annotations

from mitmproxy import master, options
from mitmproxy.addons import (
    block,
    core,
    disable_h2c,
    dns_resolver,
    errorcheck,
    next_layer,
    proxyserver,
    server_side_events,
    strip_dns_https_records,
    tlsconfig,
    update_alt_svc,
)


class TollgateMaster(master.Master):
    def __init__(self, opts: options.Options) -> None:
        super().__init__(opts, with_termlog=False)
        self.addons.add(
            core.Core(),  # options and commands
            block.Block(),  # block_global / block_private, as mitmdump has them
            disable_h2c.DisableH2C(),  # h2c upgrades are stripped, never half-handled
            proxyserver.Proxyserver(),  # the listeners and connections
            dns_resolver.DnsResolver(),
            strip_dns_https_records.StripDnsHttpsRecords(),
            next_layer.NextLayer(),  # which protocol layer each connection gets
            tlsconfig.TlsConfig(),  # certificates: Tollgate's CA, the gateway's own
            update_alt_svc.UpdateAltSvc(),
            server_side_events.ServerSideEvents(),
            errorcheck.ErrorCheck(),  # start-up errors (a port in use) end the run, said once
        )
