"""Entry point of the frozen build: the same `kiosk` command as the wheel's console script."""

from kiosk_app.cli import main

if __name__ == "__main__":
    main()
