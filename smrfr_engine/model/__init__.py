"""The SMRFR model: predictor cube, per-layer forest cascade, regional inference, local recalibration.

- :mod:`.cube`: build the predictor cube (one grid, daily time axis) from a TOML configuration;
- :mod:`.features`: which cube predictors each layer uses, and their groups;
- :mod:`.samples`: training samples (station cell x day) from the cube and a station GeoPackage;
- :mod:`.estimators`: one factory for rf / extratrees / lightgbm / xgboost and their safe file formats;
- :mod:`.cv`: cross-validation designs (station, year, block, kfold);
- :mod:`.train`: the cascade with out-of-fold upper-layer inputs, CV report, importance;
- :mod:`.bundle`: the model folder with checksums, refused when tampered or incompatible;
- :mod:`.infer`: block-wise regional inference into yearly SMRFR-layout Zarr stores;
- :mod:`.recalibrate`: retraining with local stations and the before/after report.
"""
