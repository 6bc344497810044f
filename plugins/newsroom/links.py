"""Links inside content ({static}, {filename}) are root-relative.

Pelican prefixes them with SITEURL, which is absolute here (canonical and
hreflang URLs need it). Pages must not name a host, so the same build works
on any host or port: content links use the site's path instead.
"""


def root_relative_content_links(generators):
    # All generators share one context; Content objects read it when rendered.
    context = generators[0].context
    context["localsiteurl"] = context["SITE_PATH"]
