"""视频帮办 on the terminal: the call's screens, and the media engine host (a child process with
Qt WebEngine, started when a call starts; see engine.py for why)."""
