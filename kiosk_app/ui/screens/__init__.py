"""The shell's screens: attract, home, PIN pad, technician panel, config error."""
