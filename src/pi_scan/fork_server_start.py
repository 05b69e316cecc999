"""The first module the workers' fork server imports: it turns the garbage collector off.

The server imports the analysis stack (pandas, presidio, spaCy, the parsers: millions of
objects) and then only forks. Collections during those imports find nothing to free and walk
everything again each time: 0.4 of its 2 CPU-seconds, spent before the first file is read.
Each worker, forked with the collector off, loads its analyser, moves everything it holds out
of the collector's sight (``gc.freeze``) and turns it on (``workers._worker_main``).
"""

import gc

gc.disable()
