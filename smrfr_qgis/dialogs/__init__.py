"""The plugin's dialogs: each collects the parameters of its Processing algorithms (one, or steps run one
after the other: train or recalibrate, import then screen), runs them in the background and puts the
results on the map."""

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
