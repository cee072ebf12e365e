<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="34"/>
        <source>Load soil-moisture layers…</source>
        <translation>加载土壤水分图层…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="186"/>
        <source>Run inference…</source>
        <translation>运行推理…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="261"/>
        <source>Retrain / recalibrate…</source>
        <translation>重新训练 / 本地校准…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="437"/>
        <source>Validate against stations…</source>
        <translation>使用站点验证…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="501"/>
        <source>Import and screen stations…</source>
        <translation>导入并筛选站点…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="54"/>
        <source>SMRFR</source>
        <translation>SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="150"/>
        <source>Missing Python packages: {0}. Install them with: {1} and restart QGIS.</source>
        <translation>缺少 Python 包：{0}。请使用以下命令安装：{1}，然后重新启动 QGIS。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="16"/>
        <source>SMRFR soil moisture</source>
        <translation>SMRFR 土壤水分</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="19"/>
        <source>SMRFR soil-moisture toolkit</source>
        <translation>SMRFR 土壤水分工具包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="36"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="175"/>
        <source>Stations</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="286"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="39"/>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="40"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="163"/>
        <source>Missing Python packages: {0}. See the SMRFR plugin README.</source>
        <translation>缺少 Python 包：{0}。请参阅 SMRFR 插件的 README。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="183"/>
        <source>Cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="14"/>
        <source>Check the SMRFR environment</source>
        <translation>检查 SMRFR 运行环境</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="16"/>
        <source>Lists the SMRFR engine version and the version of every Python package it uses.</source>
        <translation>列出 SMRFR 引擎版本及其使用的每个 Python 包的版本。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="34"/>
        <source>Point inspector (time series at a clicked point)</source>
        <translation>点位检查器（点击位置的时间序列）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/temporal.py" line="249"/>
        <source>The run produced no raster layers to add.</source>
        <translation>本次运行没有生成可添加的栅格图层。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="60"/>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="63"/>
        <source>Last day</source>
        <translation>结束日</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="58"/>
        <source>Build the predictor cube</source>
        <translation>构建预测因子数据立方体</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>Predictor configuration (TOML)</source>
        <translation>预测因子配置（TOML）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="72"/>
        <source>Take the grid from this product</source>
        <translation>使用此产品的网格</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="74"/>
        <source>Grid extent</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="75"/>
        <source>Resolution (degrees)</source>
        <translation>分辨率（度）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="268"/>
        <source>Predictor cube (.zarr)</source>
        <translation>预测因子数据立方体（.zarr）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="96"/>
        <source>Train the SMRFR model</source>
        <translation>训练 SMRFR 模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="541"/>
        <source>Screened stations (GeoPackage)</source>
        <translation>已筛选站点（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="51"/>
        <source>Layers</source>
        <translation>土层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="287"/>
        <source>Cross-validation</source>
        <translation>交叉验证</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="288"/>
        <source>Folds</source>
        <translation>折数</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="124"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="127"/>
        <source>Estimator parameters (JSON, e.g. {&quot;n_estimators&quot;: 200})</source>
        <translation>估计器参数（JSON，例如 {&quot;n_estimators&quot;: 200}）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="132"/>
        <source>Grid search</source>
        <translation>网格搜索</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="133"/>
        <source>Permutation importance</source>
        <translation>置换重要性</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="202"/>
        <source>Model bundle</source>
        <translation>模型包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="147"/>
        <source>Cross-validation report</source>
        <translation>交叉验证报告</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="148"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="164"/>
        <source>Estimator parameters must be JSON: {0}</source>
        <translation>估计器参数必须是 JSON：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="193"/>
        <source>Predict soil moisture over a region</source>
        <translation>预测区域土壤水分</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="297"/>
        <source>Area (extent)</source>
        <translation>区域（范围）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="298"/>
        <source>Area (polygons)</source>
        <translation>区域（多边形）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="55"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="220"/>
        <source>Written stores</source>
        <translation>已写出的存储</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="241"/>
        <source>Recalibrate the model with local stations</source>
        <translation>使用本地站点重新校准模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="304"/>
        <source>Base model bundle</source>
        <translation>基础模型包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="252"/>
        <source>Local stations (GeoPackage)</source>
        <translation>本地站点（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="253"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="254"/>
        <source>Base training stations (combine mode)</source>
        <translation>基础训练站点（combine 模式）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="307"/>
        <source>Weight of local samples (combine)</source>
        <translation>本地样本权重（combine）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="308"/>
        <source>Share of local stations held out</source>
        <translation>留出的本地站点比例</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="264"/>
        <source>Recalibrated model bundle</source>
        <translation>重新校准后的模型包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="265"/>
        <source>Before/after report</source>
        <translation>前后对比报告</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="274"/>
        <source>Choose the local stations GeoPackage</source>
        <translation>请选择本地站点 GeoPackage</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="49"/>
        <source>Product file (NetCDF, GeoTIFF)</source>
        <translation>产品文件（NetCDF、GeoTIFF）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="49"/>
        <source>Product folder (Zarr store, yearly SMRFR stores, GeoTIFF folder)</source>
        <translation>产品文件夹（Zarr 存储、SMRFR 年度存储、GeoTIFF 文件夹）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="49"/>
        <source>Product kind</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="58"/>
        <source>Layers (comma-separated names, empty = all)</source>
        <translation>土层（名称以逗号分隔，留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="62"/>
        <source>GeoTIFF folder (one file per layer, one band per day)</source>
        <translation>GeoTIFF 文件夹（每个土层一个文件，每天一个波段）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="64"/>
        <source>NetCDF or Zarr output</source>
        <translation>NetCDF 或 Zarr 输出</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="45"/>
        <source>Choose a product file or a product folder</source>
        <translation>请选择产品文件或产品文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="110"/>
        <source>Choose a GeoTIFF folder or a NetCDF/Zarr output</source>
        <translation>请选择 GeoTIFF 文件夹或 NetCDF/Zarr 输出</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="276"/>
        <source>Cannot export layer {0}: {1}</source>
        <translation>无法导出图层 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="160"/>
        <source>Product information</source>
        <translation>产品信息</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="161"/>
        <source>Lists the layers and their depths, extent, resolution, CRS, dates and size on disk of a soil-moisture product (SMRFR Zarr stores, ERA5-Land, SoMo.ml, SMCI1.0, GSSM-10 or files written by SMRFR).</source>
        <translation>列出土壤水分产品（SMRFR Zarr 存储、ERA5-Land、SoMo.ml、SMCI1.0、GSSM-10 或由 SMRFR 写出的文件）的土层及其深度、范围、分辨率、坐标参考系、日期和磁盘占用。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="19"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="168"/>
        <source>Layer names</source>
        <translation>土层名称</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="185"/>
        <source>Subset a product</source>
        <translation>裁剪产品子集</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="44"/>
        <source>Add the 0-100 cm root-zone layer</source>
        <translation>添加 0-100 cm 根区土层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="213"/>
        <source>Soil-moisture anomalies and percentiles</source>
        <translation>土壤水分距平与百分位</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="214"/>
        <source>Daily anomalies against a smoothed day-of-year climatology of the climatology period, and the percentile of each day within that climatology (drought monitoring).</source>
        <translation>相对于气候态时段内经平滑的逐日（年积日）气候态计算逐日距平，并计算每天在该气候态中所处的百分位（用于干旱监测）。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="221"/>
        <source>Climatology first day</source>
        <translation>气候态起始日</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="221"/>
        <source>Climatology last day</source>
        <translation>气候态结束日</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="225"/>
        <source>Climatology window (days)</source>
        <translation>气候态平滑窗口（天）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="241"/>
        <source>Point time series</source>
        <translation>点位时间序列</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="249"/>
        <source>Point</source>
        <translation>点位</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="252"/>
        <source>Series</source>
        <translation>时间序列</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="254"/>
        <source>Cell centre x</source>
        <translation>网格单元中心 x</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="255"/>
        <source>Cell centre y</source>
        <translation>网格单元中心 y</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="256"/>
        <source>Distance to the cell centre (km)</source>
        <translation>到网格单元中心的距离（km）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="268"/>
        <source>Cell centre {0:.6g}, {1:.6g} at {2:.3f} km</source>
        <translation>网格单元中心 {0:.6g}, {1:.6g}，距离 {2:.3f} km</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="277"/>
        <source>Zonal statistics of a product</source>
        <translation>产品分区统计</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="286"/>
        <source>Zones</source>
        <translation>分区</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="288"/>
        <source>Zone name field</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="295"/>
        <source>Statistics</source>
        <translation>统计量</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="293"/>
        <source>Cell coverage rule</source>
        <translation>网格单元覆盖规则</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="38"/>
        <source>Import and quality-control stations</source>
        <translation>导入站点并进行质量控制</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="58"/>
        <source>ISMN zip, station table (CSV, GPKG, SHP) or .stm file</source>
        <translation>ISMN zip、站点表（CSV、GPKG、SHP）或 .stm 文件</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="66"/>
        <source>Unpacked ISMN download folder</source>
        <translation>解压后的 ISMN 下载文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="520"/>
        <source>Layer scheme</source>
        <translation>土层划分方案</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="77"/>
        <source>Custom layers in cm (e.g. 0-10,10-30), overrides the scheme</source>
        <translation>自定义土层，单位 cm（例如 0-10,10-30），将覆盖所选方案</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="515"/>
        <source>Also keep unchecked values (ISMN flag U)</source>
        <translation>同时保留未检查的值（ISMN 标志 U）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="107"/>
        <source>Linear gap filling within +- days (0 = off)</source>
        <translation>线性插补前后不超过此天数的缺测（0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="127"/>
        <source>Table column names (key=name, e.g. id=site,time=date,value=vwc,depth_unit=cm)</source>
        <translation>表格列名（键=名称，例如 id=site,time=date,value=vwc,depth_unit=cm）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="201"/>
        <source>Stations GeoPackage</source>
        <translation>站点 GeoPackage</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="140"/>
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="41"/>
        <source>Give an ISMN download, a station table or a folder</source>
        <translation>请提供 ISMN 下载数据、站点表或文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="181"/>
        <source>Screen stations by triple collocation</source>
        <translation>用三重配置筛选站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="204"/>
        <source>Land-surface model product (NetCDF, Zarr)</source>
        <translation>陆面模式产品（NetCDF、Zarr）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="206"/>
        <source>Satellite surface soil moisture (NetCDF)</source>
        <translation>卫星表层土壤水分（NetCDF）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="208"/>
        <source>Pass when the in-situ rho2 is at least</source>
        <translation>原位观测 rho2 不低于此值时通过</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="540"/>
        <source>Layers below 10 cm</source>
        <translation>10 cm 以下的土层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Satellite Soil Water Index</source>
        <translation>卫星土壤水分指数（Soil Water Index）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Not screened</source>
        <translation>不筛选</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="255"/>
        <source>Screened stations</source>
        <translation>已筛选站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="238"/>
        <source>Screening summary</source>
        <translation>筛选摘要</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="254"/>
        <source>{0} of {1} station layers pass</source>
        <translation>{1} 个站点土层中有 {0} 个通过</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="261"/>
        <source>Extended Triple Collocation of three columns</source>
        <translation>三列数据的扩展三重配置法</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="264"/>
        <source>Extended Triple Collocation (McColl et al. 2014) of three collocated columns of a CSV table: per column the squared correlation with the unknown truth (rho2), the error standard deviation in its own units and scaled to the first column, the scaling factor beta and the number of triplets used.</source>
        <translation>对 CSV 表中三列已配置数据应用扩展三重配置法（McColl et al. 2014）：对每一列给出与未知真值的相关系数平方（rho2）、以自身单位表示及缩放到第一列的误差标准差、缩放因子 beta 以及所用三元组的数量。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="273"/>
        <source>CSV table</source>
        <translation>CSV 表</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="286"/>
        <source>ETC result</source>
        <translation>ETC 结果</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="287"/>
        <source>ETC summary</source>
        <translation>ETC 摘要</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="40"/>
        <source>Generate the demo region</source>
        <translation>生成演示区域</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="312"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="54"/>
        <source>Grid cells per side (0.08 degree cells)</source>
        <translation>每边网格单元数（0.08 度网格单元）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="57"/>
        <source>Number of stations</source>
        <translation>站点数量</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="67"/>
        <source>Manifest file</source>
        <translation>清单文件</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="68"/>
        <source>Number of poor stations</source>
        <translation>质量差的站点数量</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="81"/>
        <source>Poor stations: {0}</source>
        <translation>质量差的站点：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="34"/>
        <source>Metrics per station</source>
        <translation>各站点指标</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="34"/>
        <source>Per-station metrics summary</source>
        <translation>站点指标汇总</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="68"/>
        <source>Minimum number of pairs</source>
        <translation>最少配对数</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="89"/>
        <source>Skill metrics of a paired table</source>
        <translation>配对表的精度评价指标</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="103"/>
        <source>Table of matched pairs</source>
        <translation>匹配配对表</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="105"/>
        <source>Estimate field</source>
        <translation>估计值字段</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="105"/>
        <source>Observed field</source>
        <translation>观测值字段</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="107"/>
        <source>Group by fields</source>
        <translation>分组字段</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="109"/>
        <source>Date field (for the anomaly correlation)</source>
        <translation>日期字段（用于距平相关）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="111"/>
        <source>Station field (per-station metrics)</source>
        <translation>站点字段（用于各站点指标）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="133"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="114"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="143"/>
        <source>Validate products against stations</source>
        <translation>使用站点验证产品</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="158"/>
        <source>Products (one per line: NAME=PATH or PATH)</source>
        <translation>产品（每行一个：NAME=PATH 或 PATH）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="166"/>
        <source>Stations GeoPackage or points CSV</source>
        <translation>站点 GeoPackage 或点位 CSV</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="166"/>
        <source>Stations (*.gpkg *.csv)</source>
        <translation>站点 (*.gpkg *.csv)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="170"/>
        <source>Group stations by field (e.g. koppen)</source>
        <translation>按字段对站点分组（例如 koppen）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="173"/>
        <source>Sampling</source>
        <translation>采样方式</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="179"/>
        <source>Validation report</source>
        <translation>验证报告</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="213"/>
        <source>Pooled metrics</source>
        <translation>合并指标</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="183"/>
        <source>Stations with metrics</source>
        <translation>附带指标的站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="210"/>
        <source>ubRMSE {0}</source>
        <translation>ubRMSE {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="214"/>
        <source>Report: {0}</source>
        <translation>报告：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="224"/>
        <source>Stations coloured by ubRMSE</source>
        <translation>按 ubRMSE 着色的站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="81"/>
        <source>SMRFR point inspector</source>
        <translation>SMRFR 点位检查器</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="97"/>
        <source>Pick a point</source>
        <translation>拾取点位</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="100"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="101"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="102"/>
        <source>Click “Pick a point”, then click the map.</source>
        <translation>点击“拾取点位”，然后在地图上点击。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="126"/>
        <source>Soil moisture ({0})</source>
        <translation>土壤水分（{0}）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="128"/>
        <source>x {0:.4f}, y {1:.4f} ({2})</source>
        <translation>x {0:.4f}, y {1:.4f}（{2}）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="135"/>
        <source>No SMRFR layers are loaded: use “Load soil-moisture layers” first.</source>
        <translation>未加载任何 SMRFR 图层：请先使用“加载土壤水分图层”。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="150"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="155"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="56"/>
        <source>Cannot write the area of interest to {0}: {1}</source>
        <translation>无法将感兴趣区写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="101"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="104"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="232"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="246"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="247"/>
        <source>{0}: done.</source>
        <translation>{0}：已完成。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="251"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="255"/>
        <source>Failed; see the log panel.</source>
        <translation>失败；请查看日志面板。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="161"/>
        <source>QGIS cannot open {0} as a vector layer</source>
        <translation>QGIS 无法将 {0} 作为矢量图层打开</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="190"/>
        <source>Predictor cubes (*.zarr *.nc);;All files (*)</source>
        <translation>预测因子数据立方体 (*.zarr *.nc);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="203"/>
        <source>Predictor cube</source>
        <translation>预测因子数据立方体</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="53"/>
        <source>Area of interest</source>
        <translation>感兴趣区</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="54"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="228"/>
        <source>Choose a model bundle.</source>
        <translation>请选择模型包。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="344"/>
        <source>Choose a predictor cube.</source>
        <translation>请选择预测因子数据立方体。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="453"/>
        <source>Stations (layer or file)</source>
        <translation>站点（图层或文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="311"/>
        <source>Output model bundle</source>
        <translation>输出模型包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="468"/>
        <source>Choose the stations.</source>
        <translation>请选择站点。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="77"/>
        <source>Choose the base model bundle.</source>
        <translation>请选择基础模型包。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="37"/>
        <source>Products (*.zarr *.nc *.tif);;All files (*)</source>
        <translation>产品 (*.zarr *.nc *.tif);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="450"/>
        <source>Product (layer or file)</source>
        <translation>产品（图层或文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="454"/>
        <source>Group results by field</source>
        <translation>按字段对结果分组</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="464"/>
        <source>Choose a product.</source>
        <translation>请选择产品。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="480"/>
        <source>Validation: {0}</source>
        <translation>验证：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="535"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="521"/>
        <source>Quality flags</source>
        <translation>质量标志</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="576"/>
        <source>SMRFR stations</source>
        <translation>SMRFR 站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="48"/>
        <source>Product (folder or file)</source>
        <translation>产品（文件夹或文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="93"/>
        <source>Choose an existing product folder or file.</source>
        <translation>请选择已存在的产品文件夹或文件。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="114"/>
        <source>Tick at least one layer.</source>
        <translation>请至少勾选一个土层。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/styling.py" line="48"/>
        <source>passed screening</source>
        <translation>通过筛选</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/styling.py" line="48"/>
        <source>failed screening</source>
        <translation>未通过筛选</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="32"/>
        <source>[temporary output]</source>
        <translation>[临时输出]</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="33"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="35"/>
        <source>Browse for a file…</source>
        <translation>浏览文件…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="35"/>
        <source>Browse for a folder…</source>
        <translation>浏览文件夹…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="67"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="69"/>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="71"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Current map extent</source>
        <translation>当前地图范围</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Rectangle drawn on the map</source>
        <translation>在地图上绘制的矩形</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Polygon drawn on the map</source>
        <translation>在地图上绘制的多边形</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Selected feature of a polygon layer</source>
        <translation>多边形图层中选中的要素</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Typed coordinates</source>
        <translation>输入坐标</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="73"/>
        <source>Draw on the map</source>
        <translation>在地图上绘制</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="74"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="78"/>
        <source>west, south, east, north</source>
        <translation>西, 南, 东, 北</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="81"/>
        <source>No area chosen</source>
        <translation>未选择区域</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="111"/>
        <source>W {0:.4f}, S {1:.4f}, E {2:.4f}, N {3:.4f} (WGS 84)</source>
        <translation>西 {0:.4f}，南 {1:.4f}，东 {2:.4f}，北 {3:.4f}（WGS 84）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="147"/>
        <source>Choose an area of interest.</source>
        <translation>请选择感兴趣区。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="164"/>
        <source>Select a feature of a polygon layer first.</source>
        <translation>请先选择多边形图层中的一个要素。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="173"/>
        <source>Type four numbers: west, south, east, north.</source>
        <translation>请输入四个数字：西、南、东、北。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="176"/>
        <source>West must be less than east and south less than north.</source>
        <translation>西边界必须小于东边界，南边界必须小于北边界。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="27"/>
        <source>Available dates: unknown until a product is chosen</source>
        <translation>可用日期：选择产品后显示</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="29"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="31"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="56"/>
        <source>Available dates: {0} to {1}</source>
        <translation>可用日期：{0} 至 {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="62"/>
        <source>The start date {0} is after the end date {1}.</source>
        <translation>开始日期 {0} 晚于结束日期 {1}。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="64"/>
        <source>The product holds {0} to {1} only.</source>
        <translation>该产品仅包含 {0} 至 {1} 的数据。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="140"/>
        <source>{0}: cancelled.</source>
        <translation>{0}：已取消。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="142"/>
        <source>The algorithm failed; see the log panel.</source>
        <translation>算法运行失败；请查看日志面板。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="144"/>
        <source>{0} failed: {1}</source>
        <translation>{0} 失败：{1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="34"/>
        <source>The algorithm {0} is not available: is the SMRFR plugin enabled?</source>
        <translation>算法 {0} 不可用：SMRFR 插件是否已启用？</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="200"/>
        <source>Unexpected error: {0} (details in the log panel)</source>
        <translation>意外错误：{0}（详情见日志面板）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="126"/>
        <source>The point inspector needs matplotlib. Install it with: {0}</source>
        <translation>点位检查器需要 matplotlib。请使用以下命令安装：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="125"/>
        <source>Algorithm (empty: the preset&apos;s)</source>
        <translation>算法（留空：使用预设的算法）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="208"/>
        <source>Memory budget per process (MB)</source>
        <translation>每个进程的内存预算（MB）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="209"/>
        <source>Local Dask worker processes (0: this process)</source>
        <translation>本地 Dask 工作进程数（0：使用当前进程）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="217"/>
        <source>Dask scheduler address (e.g. tcp://10.0.0.5:8786)</source>
        <translation>Dask 调度器地址（例如 tcp://10.0.0.5:8786）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Verdict of the station&apos;s surface layers</source>
        <translation>沿用该站点表层土层的判定结果</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="522"/>
        <source>Minimum sub-daily values for a daily mean</source>
        <translation>计算日均值所需的最少日内观测数</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="523"/>
        <source>Minimum valid days per sensor</source>
        <translation>每个传感器的最少有效天数</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="539"/>
        <source>Minimum complete triplets</source>
        <translation>最少完整三元组数</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="274"/>
        <source>Three columns, comma-separated (A,B,C)</source>
        <translation>三列，以逗号分隔（A,B,C）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="168"/>
        <source>Product layers (comma-separated, empty = all)</source>
        <translation>产品土层（以逗号分隔，留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="176"/>
        <source>Only station layers that passed screening</source>
        <translation>仅使用通过筛选的站点土层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="57"/>
        <source>1 layer</source>
        <translation>1 个图层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="57"/>
        <source>{0} layers</source>
        <translation>{0} 个图层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="58"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="58"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="67"/>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="221"/>
        <source>Running: {0}…</source>
        <translation>正在运行：{0}…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="269"/>
        <source>Train a new model</source>
        <translation>训练新模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="296"/>
        <source>Recalibrate a base model with local stations</source>
        <translation>使用本地站点重新校准基础模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="62"/>
        <source>By station: whole stations held out, k folds</source>
        <translation>按站点：整站留出，k 折</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="63"/>
        <source>By year: whole years held out</source>
        <translation>按年份：整年留出</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="64"/>
        <source>Spatial blocks: whole blocks of cells held out, k folds</source>
        <translation>空间块：整块网格单元留出，k 折</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="65"/>
        <source>Random k-fold: days mixed across folds (optimistic)</source>
        <translation>随机 k 折：各折之间日期混合（结果偏乐观）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="79"/>
        <source>Refit: the base estimate becomes a predictor, fitted on local stations</source>
        <translation>重新拟合（refit）：基础模型的估计值作为预测因子，在本地站点上拟合</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="80"/>
        <source>Scratch: local stations only</source>
        <translation>从头训练（scratch）：仅使用本地站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="81"/>
        <source>Combine: base training stations plus weighted local stations</source>
        <translation>合并（combine）：基础训练站点加上加权的本地站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Import, then screen by triple collocation</source>
        <translation>导入，然后用三重配置筛选</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Import only</source>
        <translation>仅导入</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Screen imported stations (a stations GeoPackage)</source>
        <translation>筛选已导入的站点（站点 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="85"/>
        <source>Stations (*.gpkg);;All files (*)</source>
        <translation>站点 (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="86"/>
        <source>ISMN downloads and station tables (*.zip *.csv *.gpkg *.shp *.stm);;All files (*)</source>
        <translation>ISMN 下载数据和站点表 (*.zip *.csv *.gpkg *.shp *.stm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="171"/>
        <source>Screening per station layer</source>
        <translation>各站点土层的筛选结果</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="267"/>
        <source>What to do</source>
        <translation>要执行的操作</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="271"/>
        <source>Use only stations that passed screening</source>
        <translation>仅使用通过筛选的站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="278"/>
        <source>Permutation importance of the predictors (figure)</source>
        <translation>预测因子的置换重要性（图）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="281"/>
        <source>optional, e.g. {&quot;n_estimators&quot;: 200}</source>
        <translation>可选，例如 {&quot;n_estimators&quot;: 200}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="284"/>
        <source>Stations (layer or GeoPackage)</source>
        <translation>站点（图层或 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="290"/>
        <source>Layers (e.g. 1-5 or 1,3)</source>
        <translation>土层（例如 1-5 或 1,3）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="293"/>
        <source>Estimator parameters (JSON)</source>
        <translation>估计器参数（JSON）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="303"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="305"/>
        <source>Local stations (layer or GeoPackage)</source>
        <translation>本地站点（图层或 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="306"/>
        <source>Base training stations (combine)</source>
        <translation>基础训练站点（combine）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="363"/>
        <source>Choose the local stations.</source>
        <translation>请选择本地站点。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="366"/>
        <source>Combine needs the base model&apos;s training stations.</source>
        <translation>combine 模式需要基础模型的训练站点。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="391"/>
        <source>Base vs recalibrated model on the held-out local stations</source>
        <translation>基础模型与重新校准后模型在留出的本地站点上的对比</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="506"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="507"/>
        <source>An ISMN download (zip or unpacked folder), a station table (CSV, GeoPackage, Shapefile) or a stations GeoPackage to screen, as a file or a project point layer</source>
        <translation>ISMN 下载数据（zip 或解压后的文件夹）、站点表（CSV、GeoPackage、Shapefile）或待筛选的站点 GeoPackage，可以是文件，也可以是项目中的点图层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="510"/>
        <source>Stations (file, folder or layer)</source>
        <translation>站点（文件、文件夹或图层）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="511"/>
        <source>Import and quality control</source>
        <translation>导入与质量控制</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="519"/>
        <source>CSV column names (key=name)</source>
        <translation>CSV 列名（键=名称）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="525"/>
        <source>Imported stations (GeoPackage)</source>
        <translation>已导入站点（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="526"/>
        <source>Screening by triple collocation</source>
        <translation>用三重配置进行筛选</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="527"/>
        <source>Land-surface model (*.nc *.zarr);;All files (*)</source>
        <translation>陆面模式 (*.nc *.zarr);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="528"/>
        <source>Satellite soil moisture (*.nc);;All files (*)</source>
        <translation>卫星土壤水分 (*.nc);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="536"/>
        <source>Land-surface model (e.g. ERA5-Land)</source>
        <translation>陆面模式（例如 ERA5-Land）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="537"/>
        <source>Satellite surface soil moisture</source>
        <translation>卫星表层土壤水分</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="538"/>
        <source>Pass when the in-situ rho² is at least</source>
        <translation>原位观测 rho² 不低于此值时通过</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="552"/>
        <source>Choose the stations: an ISMN download, a table or a stations GeoPackage.</source>
        <translation>请选择站点：ISMN 下载数据、表格或站点 GeoPackage。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="563"/>
        <source>Choose the land-surface model product.</source>
        <translation>请选择陆面模式产品。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="563"/>
        <source>Choose the satellite soil-moisture product.</source>
        <translation>请选择卫星土壤水分产品。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="578"/>
        <source>SMRFR stations (screening)</source>
        <translation>SMRFR 站点（筛选）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="261"/>
        <source>Also use stations that failed screening</source>
        <translation>同时使用未通过筛选的站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="242"/>
        <source>Retrains a model bundle with a region&apos;s own stations: refit (the base model&apos;s estimate becomes a predictor, fitted on the local stations), scratch (local stations only) or combine (base training stations plus weighted local ones). A share of the local stations (a third by default) is held out and the report compares the base and the recalibrated model there (ubRMSE, bias, R per layer).</source>
        <translation>使用某一区域自身的站点重新训练模型包：refit（基础模型的估计值作为一个预测因子，在本地站点上拟合）、scratch（仅使用本地站点）或 combine（基础训练站点加上加权的本地站点）。留出一部分本地站点（默认为三分之一），报告在这些站点上比较基础模型与重新校准后的模型（各土层的 ubRMSE、bias、R）。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="73"/>
        <source>Default: gradient boosting, fast and compact (within 3 % of the published accuracy)</source>
        <translation>默认：梯度提升，快速且紧凑（精度与已发表模型相差 3% 以内）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="75"/>
        <source>Published SMRFR Random Forest: 1100 full-depth trees (GBs)</source>
        <translation>已发表的 SMRFR 随机森林：1100 棵完全深度的树（数 GB）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="129"/>
        <source>Learn the departure from this per-layer predictor (empty: the preset&apos;s, fca for default; none: soil moisture itself)</source>
        <translation>学习相对于此分层预测因子的偏差（留空：预设的，default 预设为 fca；none：直接学习土壤水分）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="135"/>
        <source>Also fit 10/90 % quantile models (uncertainty of boosted models)</source>
        <translation>同时拟合 10/90 % 分位数模型（梯度提升模型的不确定性）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="208"/>
        <source>Uncertainty: spread across trees (forests) or 10/90 % quantiles (boosted models trained with quantiles)</source>
        <translation>不确定性：树间离散度（森林）或 10/90 % 分位数（训练时拟合了分位数模型的梯度提升模型）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="193"/>
        <source>Also write the uncertainty (spread of the trees or 10/90 % quantiles)</source>
        <translation>同时写出不确定性（各棵树之间的离散度或 10/90 % 分位数）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="279"/>
        <source>Also fit 10/90 % quantile models (uncertainty bands)</source>
        <translation>同时拟合 10/90 % 分位数模型（不确定性区间）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="194"/>
        <source>Runs a model bundle over the land cells of a predictor cube (optionally within an extent or polygons and a date range), layer after layer, block by block within a memory budget, and writes yearly SMRFR-layout Zarr stores SMRFR_YYYY_v1.0.zarr. Cells with a missing predictor are nodata. Optionally adds the uncertainty: the spread across a forest&apos;s trees (e.g. sml1_p_sd) or, for a boosted model trained with 10/90 % quantile models, an 80 % band (e.g. sml1_p_q10, sml1_p_q90). A cancelled run resumes where it stopped. The blocks can run on a local Dask cluster (worker processes) or on a running Dask scheduler; the output is identical.</source>
        <translation>在预测因子数据立方体的陆地网格单元上运行模型包（可限定在某一范围或多边形内及某一日期区间），逐土层、逐块地在内存预算内计算，并按年写出 SMRFR 布局的 Zarr 存储 SMRFR_YYYY_v1.0.zarr。缺少任一预测因子的网格单元为无数据（nodata）。可选地加入不确定性：森林中各棵树之间的离散度（例如 sml1_p_sd），或者对于训练时拟合了 10/90 % 分位数模型的梯度提升模型，80 % 区间（例如 sml1_p_q10、sml1_p_q90）。取消的运行会从中断处继续。这些块可以在本地 Dask 集群（工作进程）上运行，也可以在正在运行的 Dask 调度器上运行；输出结果完全相同。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="524"/>
        <source>Longest gap to fill, days (0 = off)</source>
        <translation>最长填补缺测天数（0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="201"/>
        <source>optional, e.g. tcp://10.0.0.5:8786</source>
        <translation>可选，例如 tcp://10.0.0.5:8786</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="207"/>
        <source>Memory and parallel processing</source>
        <translation>内存与并行处理</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="210"/>
        <source>Dask scheduler address</source>
        <translation>Dask 调度器地址</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="68"/>
        <source>Cross-validation by station, {0} folds</source>
        <translation>按站点交叉验证，{0} 折</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="69"/>
        <source>Cross-validation by year</source>
        <translation>按年份交叉验证</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="70"/>
        <source>Cross-validation by spatial block, {0} folds</source>
        <translation>按空间块交叉验证，{0} 折</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="71"/>
        <source>Random k-fold cross-validation, {0} folds</source>
        <translation>随机 k 折交叉验证，{0} 折</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="144"/>
        <source>Base model bundle (its estimates become predictors)</source>
        <translation>基础模型包（其估计值作为预测因子）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="282"/>
        <source>Learn a correction of a base model (its estimates become predictors)</source>
        <translation>学习对基础模型的校正（其估计值作为预测变量）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="118"/>
        <source>Repeats of the cross-validation (new dealings of the folds; scores: their mean)</source>
        <translation>交叉验证重复次数（重新分配折；分数取其平均）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="289"/>
        <source>Repeats (new dealings of the folds)</source>
        <translation>重复次数（重新分配折）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="72"/>
        <source>Take the grid from this product folder (Zarr store, yearly stores)</source>
        <translation>采用此产品文件夹的网格（Zarr 存储、逐年存储）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="307"/>
        <source>The zones layer {0} has no field {1!r}; its fields: {2}</source>
        <translation>分区图层 {0} 没有字段 {1!r}；其字段为：{2}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="187"/>
        <source>Per station and layer, collocates the daily in-situ series with a land-surface model (e.g. ERA5-Land, layers mapped by thickness-weighted overlap) and a satellite surface soil-moisture product at the station&apos;s cell and computes Extended Triple Collocation (McColl et al. 2014). Layers below 10 cm take the verdict of the station&apos;s surface layers (the default), use the satellite&apos;s Soil Water Index (exponential filter) or are left unscreened. The land-surface model and the satellite product are each a file or a folder of yearly files. A layer passes when the in-situ rho2 reaches the threshold (SMRFR: 0.762). Writes a copy of the stations GeoPackage with the table &apos;screening&apos;; nothing is deleted.</source>
        <translation>对每个站点和土层，在站点所在网格单元上将逐日原位观测序列与陆面模式（例如 ERA5-Land，土层按厚度加权重叠映射）以及卫星表层土壤水分产品进行配置，并计算扩展三重配置法（McColl et al. 2014）。10 cm 以下的土层采用该站点表层土层的判定结果（默认），或使用卫星的土壤水分指数（Soil Water Index，指数滤波），或不进行筛选。陆面模式和卫星产品均可为单个文件或逐年文件所在的文件夹。当原位观测的 rho2 达到阈值（SMRFR：0.762）时，该土层通过。写出站点 GeoPackage 的副本，其中包含“screening”表；不删除任何数据。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="204"/>
        <source>Land-surface model folder (yearly NetCDF files, Zarr store)</source>
        <translation>陆面模式文件夹（逐年 NetCDF 文件、Zarr 存储）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="206"/>
        <source>Satellite surface soil moisture folder (yearly NetCDF files)</source>
        <translation>卫星表层土壤水分文件夹（逐年 NetCDF 文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="63"/>
        <source>layer {0!r}</source>
        <translation>图层 {0!r}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="199"/>
        <source>Give {0} or {1}, not both</source>
        <translation>请给出 {0} 或 {1}，不要同时给出两者</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="223"/>
        <source>{0}: cannot write {1}: give a name ending in {2}</source>
        <translation>{0}：无法写入 {1}：请给出以 {2} 结尾的名称</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="223"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="226"/>
        <source>; GeoTIFFs are written to a folder: {0}</source>
        <translation>；GeoTIFF 会写入一个文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="117"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="265"/>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="265"/>
        <source>lines</source>
        <translation>线</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="266"/>
        <source>{0}: the layer {1} holds {2}; expected polygons</source>
        <translation>{0}：图层 {1} 包含的是{2}；需要面（多边形）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="266"/>
        <source>no geometries</source>
        <translation>无几何</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="91"/>
        <source>Computes R (with its 95 % Fisher-z interval), R2 = NSE = 1 - SSE/SST, bias (estimate - observed), RMSE, ubRMSE, MAE, NRMSE (RMSE / mean observed), KGE (Gupta 2009) with r, alpha and beta, and the anomaly correlation (35-day centred window) of an estimate field against an observed field, pooled per group (several group fields: separated by &apos;;&apos;, e.g. GROUP=product;layer in qgis_process, or a list in Python). With a station field, also per station and summarised (median, IQR) per group. Groups with fewer than the minimum number of pairs get empty scores and a reason.</source>
        <translation>计算估计值字段相对于观测值字段的 R（及其 95 % Fisher-z 置信区间）、R2 = NSE = 1 - SSE/SST、bias（估计值 - 观测值）、RMSE、ubRMSE、MAE、NRMSE（RMSE / 观测均值）、KGE（Gupta 2009）及其 r、alpha 和 beta，以及距平相关系数（35 天居中窗口），按组合并计算（多个分组字段以 ';' 分隔，例如在 qgis_process 中写 GROUP=product;layer，在 Python 中则给出列表）。若指定站点字段，还会按站点计算并按组汇总（中位数、IQR）。配对数少于最小值的组得分为空，并给出原因。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="59"/>
        <source>Brings every predictor of the SMRFR model onto one grid and a daily time axis, as one Zarr store: ERA5-Land soil moisture and temperature mapped to each layer by thickness-weighted overlap and regridded bilinearly, precipitation sums, MODIS NDVI/EVI interpolated to daily, SoilGrids texture, bulk density and field capacity per layer, DEM, slope, longitude and latitude. The TOML configuration names each source file and variable. The grid comes from a product (its own cells, or cells of the resolution over its extent when given), or from the extent and the resolution (default 0.08 degrees), one of them; with neither, from the [grid] section (bbox, resolution) of the TOML configuration, and no resolution.</source>
        <translation>将 SMRFR 模型的所有预测因子统一到同一网格和逐日时间轴上，存为一个 Zarr 存储：ERA5-Land 土壤水分和土壤温度按厚度加权重叠映射到各层并双线性重采样，降水累计量，MODIS NDVI/EVI 插值为逐日值，各层 SoilGrids 质地、容重和田间持水量，DEM、坡度、经度和纬度。TOML 配置指定每个数据源文件和变量。网格取自一个产品（其自身的格点，或在给定分辨率时以该分辨率覆盖其范围的格点），或取自范围和分辨率（默认 0.08 度），二者择一；两者都未给出时，取自 TOML 配置的 [grid] 部分（bbox、resolution），且不得给出分辨率。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="57"/>
        <source>drawn or selected on the map</source>
        <translation>（在地图上绘制或选择）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="121"/>
        <source>Block size in degrees (block cross-validation; empty: from the stations&apos; spread)</source>
        <translation>块大小（度，用于分块交叉验证；留空：按站点分布范围确定）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="140"/>
        <source>Feed each layer&apos;s estimate to the model of the layer below (the cascade)</source>
        <translation>将每层的估计值输入下一层的模型（级联）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="266"/>
        <source>Held-out local stations (GeoPackage)</source>
        <translation>留出的本地站点（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="224"/>
        <source>This model has no uncertainty: it is a boosted model trained without the 10/90 % quantile models</source>
        <translation>此模型没有不确定性：它是未训练 10/90 % 分位数模型的提升树模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="97"/>
        <source>Trains one regressor per soil layer on the station cells and days of the predictor cube; layer N also gets the estimate of layer N-1 (out-of-fold in training). Cross-validation by station, year, spatial block or random k-fold gives R, bias, RMSE, ubRMSE and MAE per layer (pooled and per-station median) next to the reanalysis at the same samples (with repeats: the mean over new dealings of the folds, and the ubRMSE range); permutation importance per predictor and group. Layers are numbers (1-5, 1,2,3 or 2), not layer names; empty: every layer of the cube&apos;s layer scheme. Writes a model bundle folder (safe formats, checksums). With a base model, each layer also gets that model&apos;s estimate of it, and learns a correction of it from these stations; the bundle keeps a copy of the base model.</source>
        <translation>在预测因子数据立方体中站点所在的网格单元和日期上，为每个土层训练一个回归器；第 N 层还会使用第 N-1 层的估计值作为输入（训练时采用折外估计）。按站点、年份、空间块或随机 k 折进行交叉验证，给出各土层的 R、bias、RMSE、ubRMSE 和 MAE（合并值及各站点中位数），并与相同样本上的再分析数据对比（若重复：取多次重新分配折的平均值，并给出 ubRMSE 范围）；同时计算各预测因子及因子组的置换重要性。土层以编号给出（1-5、1,2,3 或 2），而不是土层名称；留空：数据立方体分层方案中的所有土层。输出一个模型包文件夹（安全格式，含校验和）。若指定基础模型，每个土层还会使用该模型对本层的估计值，并根据这些站点学习对它的修正；模型包中保存基础模型的副本。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="112"/>
        <source>Layers (numbers: 1-5, 1,2,3 or 2; empty: every layer of the cube)</source>
        <translation>土层（编号：1-5、1,2,3 或 2；留空：数据立方体的所有土层）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>ISMN station download (zip)</source>
        <translation>ISMN 站点下载数据（zip）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>ERA5-Land-like reanalysis folder</source>
        <translation>类 ERA5-Land 再分析数据文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>Satellite soil-moisture folder</source>
        <translation>卫星土壤水分文件夹</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>True soil moisture folder (SMRFR stores)</source>
        <translation>真实土壤水分文件夹（SMRFR 存储）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="42"/>
        <source>Generates a synthetic soil-moisture region whose true soil moisture is known, with every input written in its real format: the truth as SMRFR Zarr stores, ERA5-Land-like NetCDF, satellite surface soil moisture, MODIS-like NDVI/EVI GeoTIFFs, SoilGrids-like texture and field capacity, a DEM and an ISMN station download (zip), plus manifest.json listing the files and the known facts (which stations are poor) and predictors.toml, the region&apos;s predictor configuration for Build the predictor cube. The configuration, the station download, the reanalysis, satellite and truth folders are also outputs, for the next steps of a model. The same seed gives the same bytes.</source>
        <translation>生成一个真实土壤水分已知的合成土壤水分区域，所有输入都以其真实格式写出：真值为 SMRFR Zarr 存储，另有类 ERA5-Land 的 NetCDF、卫星表层土壤水分、类 MODIS 的 NDVI/EVI GeoTIFF、类 SoilGrids 的质地和田间持水量、DEM 以及 ISMN 站点下载数据（zip），外加列出文件和已知事实（哪些站点质量差）的 manifest.json，以及 predictors.toml（该区域用于“构建预测因子数据立方体”的预测因子配置）。配置文件、站点下载数据以及再分析、卫星和真值文件夹也作为输出，供模型的后续步骤使用。相同的种子生成逐字节相同的结果。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="181"/>
        <source>Matched pairs</source>
        <translation>匹配的数据对</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="277"/>
        <source>every layer of the cube</source>
        <translation>数据立方体的所有土层</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="67"/>
        <source>Zarr format (QGIS 3.22 and GDAL &lt; 3.8 read only 2)</source>
        <translation>Zarr 格式（QGIS 3.22 和 GDAL &lt; 3.8 只能读取 2）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="186"/>
        <source>Crops a soil-moisture product to an extent or polygons (cells outside the polygons become nodata; neither: the whole product) and a date range, optionally adds the 0-100 cm root-zone layer and depth-range layers, and writes a folder of GeoTIFFs (one per layer, one band per day) and/or a NetCDF or Zarr file. GeoTIFF and NetCDF outputs are added to the project.</source>
        <translation>将土壤水分产品裁剪到某个范围或多边形（多边形外的像元为无数据；两者皆无：整个产品）和日期范围，可选添加 0-100 cm 根区层和深度区间层，并写出 GeoTIFF 文件夹（每层一个文件，每天一个波段）和/或 NetCDF 或 Zarr 文件。GeoTIFF 和 NetCDF 输出会添加到项目中。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="198"/>
        <source>Add depth-range layers (cm, thickness-weighted, e.g. 0-10,10-40)</source>
        <translation>添加深度区间层（cm，按厚度加权，例如 0-10,10-40）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="242"/>
        <source>Daily soil moisture of every layer at a point to a CSV table, added to the project: the value of the cell containing it (nearest) or interpolated between the four nearest cell centres (bilinear); reports the centre of the cell used and its distance to the point.</source>
        <translation>将某点处各层的逐日土壤水分写入 CSV 表并添加到项目：取包含该点的像元值（最近邻），或在最近的四个像元中心之间插值（双线性）；报告所用像元的中心及其到该点的距离。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="145"/>
        <source>Extracts each product at each station&apos;s cell for each day, maps the station depths to the product&apos;s layers and computes the metrics per product, layer, station and group on the common valid sample of all products. Products: one per line, NAME=PATH or PATH (Zarr store, folder of yearly stores, NetCDF, GeoTIFF folder); a product whose layout is not detected takes its kind (NAME=smrfr, era5, somo, smci or gssm) or a JSON description (NAME=FILE). Points: a stations GeoPackage (Import stations) or a CSV with station_id, lon, lat, date, layer_top, layer_bottom (cm) and sm (m3/m3). Writes the metric tables, the matched pairs, a GeoPackage of stations with their metrics (loaded, styled by ubRMSE) and report.html with the figures.</source>
        <translation>逐日提取每个产品在各站点所在像元的值，将站点深度对应到产品的层，并在所有产品共同的有效样本上按产品、层、站点和分组计算指标。产品：每行一个，名称=路径 或 路径（Zarr 存储、年度存储文件夹、NetCDF、GeoTIFF 文件夹）；布局无法识别的产品可给出其类型（名称=smrfr、era5、somo、smci 或 gssm）或 JSON 描述（名称=文件）。点：站点 GeoPackage（导入站点）或包含 station_id、lon、lat、date、layer_top、layer_bottom（cm）和 sm（m3/m3）的 CSV。写出指标表、匹配对、带指标的站点 GeoPackage（已加载，按 ubRMSE 设置样式）以及含图表的 report.html。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="160"/>
        <source>Kinds of products not detected (one per line: NAME=KIND)</source>
        <translation>未能识别的产品类型（每行一个：名称=类型）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="163"/>
        <source>JSON descriptions of products (one per line: NAME=FILE)</source>
        <translation>产品的 JSON 描述（每行一个：名称=文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="53"/>
        <source>Product description (JSON) of another CF NetCDF or GeoTIFF series</source>
        <translation>其他 CF NetCDF 或 GeoTIFF 序列的产品描述（JSON）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="42"/>
        <source>Reads an ISMN download (zip archive or unpacked folder, &apos;Header+values&apos; or &apos;CEOP separate&apos;) or a station table (CSV with station id, lon, lat, time, depth or layer and value; GeoPackage/Shapefile points with a linked time-series table), keeps ISMN flag G values (optionally U), applies the Dorigo et al. (2013) plausibility checks to data without flags, averages sub-daily values to daily means, drops short sensors, maps sensor depths to the layers of a scheme (several sensors in a layer: those nearest its mid-depth, or all, averaged), optionally averages the stations of a grid cell and rescales each series to a reference product&apos;s mean and standard deviation, and writes one GeoPackage with the layers stations, daily, sensors, qc_log and run_info. Every dropped value is counted in qc_log.</source>
        <translation>读取 ISMN 下载数据（zip 压缩包或解压后的文件夹，'Header+values' 或 'CEOP separate' 格式）或站点表（含站点 ID、经度、纬度、时间、深度或层及数值的 CSV；带关联时间序列表的 GeoPackage/Shapefile 点），保留 ISMN 标记为 G 的值（可选 U），对无标记数据应用 Dorigo 等（2013）的合理性检查，将次日值平均为日均值，剔除过短的传感器，将传感器深度对应到层方案的各层（一层中有多个传感器时：取最接近该层中间深度的传感器或全部传感器的平均），可选地对同一格网单元内的站点求平均并将每个序列重新缩放到参考产品的均值和标准差，并写出一个包含 stations、daily、sensors、qc_log 和 run_info 图层的 GeoPackage。每个被剔除的值都计入 qc_log。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="116"/>
        <source>Plausibility checks (Dorigo et al. 2013): auto = only data without flags</source>
        <translation>合理性检查（Dorigo 等 2013）：auto = 仅对无标记数据</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="119"/>
        <source>Several sensors in a layer: nearest its mid-depth, or the mean of all</source>
        <translation>一层中有多个传感器：取最接近中间深度者，或全部平均</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="122"/>
        <source>Average the stations within cells of this size (degrees; empty = off)</source>
        <translation>对此大小格网单元内的站点求平均（度；留空 = 关闭）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="125"/>
        <source>Rescale each series to this product (file)</source>
        <translation>将每个序列重新缩放到此产品（文件）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="125"/>
        <source>Rescale each series to this product (folder)</source>
        <translation>将每个序列重新缩放到此产品（文件夹）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="134"/>
        <source>Time-series table linked to a point layer (CSV or GeoPackage)</source>
        <translation>与点图层关联的时间序列表（CSV 或 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="278"/>
        <source>Statistics of each layer per polygon and per day. Coverage rule &apos;fraction&apos; weights each cell by its area inside the polygon (on a longitude/latitude grid, its area on the sphere): the zone&apos;s area mean; &apos;centre&apos; counts the cells whose centre is inside. Writes a GeoPackage (zone geometry on every row) or CSV.</source>
        <translation>按多边形和日期统计每一层。覆盖规则 'fraction' 按每个像元在多边形内的面积加权(在经纬度网格上为其在球面上的面积),即区域的面积平均;'centre' 统计中心位于多边形内的像元。输出 GeoPackage(每行带区域几何)或 CSV。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="338"/>
        <source>SMRFR needs Python {0} or newer, and this QGIS runs Python {1}: no package install can help. Use a QGIS built with Python {0} or newer.</source>
        <translation>SMRFR 需要 Python {0} 或更高版本，而此 QGIS 使用的是 Python {1}：安装软件包无济于事。请使用基于 Python {0} 或更高版本构建的 QGIS。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="34"/>
        <source>Detect from file and variable names</source>
        <translation>根据文件名和变量名识别</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="39"/>
        <source>Product descriptions (*.json)</source>
        <translation>产品描述 (*.json)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="50"/>
        <source>Product description (JSON, optional)</source>
        <translation>产品描述（JSON，可选）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="95"/>
        <source>The product description {0} is not a file.</source>
        <translation>产品描述 {0} 不是文件。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="193"/>
        <source>The layers {0} show files this run replaces. Remove them from the project and run? (The new results are added when the run ends.)</source>
        <translation>图层 {0} 显示的文件将被本次运行替换。是否将它们从项目中移除并运行？（运行结束后会添加新的结果。）</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="197"/>
        <source>Not run: choose another output, or let the layers be removed.</source>
        <translation>未运行：请选择其他输出，或允许移除这些图层。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="208"/>
        <source>{0}: {1} does not exist</source>
        <translation>{0}：{1} 不存在</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="212"/>
        <source>{0} {1} is before {2} {3}</source>
        <translation>{0} {1} 早于 {2} {3}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="159"/>
        <source>{0} in the OSGeo4W Shell</source>
        <translation>{0}（在 OSGeo4W Shell 中运行）</translation>
    </message>
</context>
</TS>
