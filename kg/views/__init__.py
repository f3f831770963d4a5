"""The pieces of the HTML views: the pyvis network, inline SVG charts, the shared colours."""
