"""Qt-free demo environment: simulators and the embedded central service a demo terminal uses."""
