"""Every SMRFR Processing algorithm class, in toolbox order."""

from .environment import EnvironmentAlgorithm

ALGORITHMS = (EnvironmentAlgorithm,)
