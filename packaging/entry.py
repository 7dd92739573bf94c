"""Entry point of the bundled app (PyInstaller): the desktop app, or the command line with arguments."""

import sys

from gui.launch import main

if __name__ == "__main__":
    sys.exit(main())
