"""The municipality's monitor: indicators, charts and exports of meldpunt and bemoeizorg figures (issue 13)."""
