"""Entry point of the frozen build: the same `kiosk` command as the wheel's console script."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--video-engine"]:
        # 视频帮办's media engine: the kiosk starts its own executable again as the child that
        # runs Qt WebEngine for a call (kiosk_app/ui/video/engine.py, engine.command())
        from kiosk_app.ui.video.engine import run

        raise SystemExit(run(sys.argv[2:]))
    from kiosk_app.cli import main

    main()
