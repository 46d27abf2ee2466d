import pathlib
import sys

# The helpers next to the tests import as a plain module.
sys.path.insert(0, str(pathlib.Path(__file__).parent))
