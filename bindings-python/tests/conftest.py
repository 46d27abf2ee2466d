import pathlib
import sys

# The helpers next to the tests import as a plain module.
sys.path.insert(0, str(pathlib.Path(__file__).parent))

# Property tests draw the same cases on every run: the test command must never fail by
# chance. Explore with another profile (`--hypothesis-profile=explore`); what a failure
# finds becomes an explicit case.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None)
settings.load_profile("ci")
