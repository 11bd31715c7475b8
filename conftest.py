"""Set for every pytest run from the repository, including `pytest notebooks/NN_x.ipynb` alone.

Notebooks executed by the tests (nbval kernels inherit the environment) save the room's
work in a temporary workshop folder, never into ~/isq课堂成果 or the course
(:func:`isq.workshop_folder` reads ISQ_WORKSHOP_DIR); it is removed when the session ends.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("MPLBACKEND", "Agg")
if "ISQ_WORKSHOP_DIR" not in os.environ:
    os.environ["ISQ_WORKSHOP_DIR"] = tempfile.mkdtemp(prefix="isq-test-workshop-")
    atexit.register(shutil.rmtree, os.environ["ISQ_WORKSHOP_DIR"], True)
