"""Array aliases shared by the imaging modules.

Images are typed loosely (`NDArray[Any]`) because OpenCV's stubs return its own `MatLike`
union; the functions check dtype and shape at run time where it matters.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[Any]
Corners = npt.NDArray[np.float64]
