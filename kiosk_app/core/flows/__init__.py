"""Qt-free state machines of the citizen flows, one module per flow, driven by their screens.

Each flow takes what it talks to as objects satisfying the small protocols in ``ports`` (an
online API, an outbox, a printer), so unit tests need no network, no device and no Qt. A flow's
blocking calls (``run``/``submit``) are meant for the UI's task manager; they change no state the
screen reads, and the screen hands their outcome back to ``apply`` on the GUI thread. What went
wrong is a ``Problem`` code, never a sentence: the screen picks the words in the citizen's
language and the alternative to offer.
"""
