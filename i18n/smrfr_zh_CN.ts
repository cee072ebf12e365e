<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Load soil-moisture layers…</source>
        <translation>加载土壤水分图层…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Run inference…</source>
        <translation>运行推理…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Retrain / recalibrate…</source>
        <translation>重新训练 / 本地校准…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Validate against stations…</source>
        <translation>使用站点验证…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Import and screen stations…</source>
        <translation>导入并筛选站点…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="103" />
        <source>SMRFR</source>
        <translation>SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="88" />
        <source>This tool is not available in this version yet.</source>
        <translation>此工具在当前版本中尚不可用。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="100" />
        <source>Missing Python packages: {0}. Install them with: {1} and restart QGIS.</source>
        <translation>缺少 Python 包：{0}。请使用以下命令安装：{1}，然后重新启动 QGIS。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="16" />
        <source>SMRFR soil moisture</source>
        <translation>SMRFR 土壤水分</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="19" />
        <source>SMRFR soil-moisture toolkit</source>
        <translation>SMRFR 土壤水分工具包</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="14" />
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="15" />
        <source>Stations</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="16" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="17" />
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="18" />
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="73" />
        <source>Missing Python packages: {0}. See the SMRFR plugin README.</source>
        <translation>缺少 Python 包：{0}。请参阅 SMRFR 插件的 README。</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="83" />
        <source>Cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="14" />
        <source>Check the SMRFR environment</source>
        <translation>检查 SMRFR 运行环境</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="16" />
        <source>Lists the SMRFR engine version and the version of every Python package it uses.</source>
        <translation>列出 SMRFR 引擎版本及其使用的每个 Python 包的版本。</translation>
    </message>
</context>
</TS>
