"""The plugin's dialogs: each collects the parameters of one Processing algorithm, runs it in the
background and puts the results on the map."""

from .load_layers import LoadLayersDialog
from .workflows import InferDialog, RetrainDialog, StationsDialog, ValidateDialog

#: action object name (plugin.ACTIONS) -> dialog class
DIALOGS = {
    "smrfrLoadLayers": LoadLayersDialog,
    "smrfrInfer": InferDialog,
    "smrfrRetrain": RetrainDialog,
    "smrfrValidate": ValidateDialog,
    "smrfrStations": StationsDialog,
}

__all__ = ["DIALOGS", "InferDialog", "LoadLayersDialog", "RetrainDialog", "StationsDialog", "ValidateDialog"]
