"""The bridge from the Qt-free device layer to the UI: one QObject per device re-emitting its
events as signals on the GUI thread (``bridge``), and the application-wide keyboard-wedge filter
(``wedge_filter``). Nothing is re-exported here: the window imports the bridges only once the
devices start, after the first paint."""
