# Sources of the remote-mode infrastructure, added to the core library.
