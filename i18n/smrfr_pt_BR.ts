<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>@default</name>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Load soil-moisture layers…</source>
        <translation>Carregar camadas de umidade do solo…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Run inference…</source>
        <translation>Executar inferência…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Retrain / recalibrate…</source>
        <translation>Retreinar / recalibrar…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Validate against stations…</source>
        <translation>Validar com estações…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="22" />
        <source>Import and screen stations…</source>
        <translation>Importar e triar estações…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="103" />
        <source>SMRFR</source>
        <translation>SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="88" />
        <source>This tool is not available in this version yet.</source>
        <translation>Esta ferramenta ainda não está disponível nesta versão.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="100" />
        <source>Missing Python packages: {0}. Install them with: {1} and restart QGIS.</source>
        <translation>Pacotes Python ausentes: {0}. Instale-os com: {1} e reinicie o QGIS.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="16" />
        <source>SMRFR soil moisture</source>
        <translation>SMRFR umidade do solo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="19" />
        <source>SMRFR soil-moisture toolkit</source>
        <translation>Kit de ferramentas de umidade do solo SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="14" />
        <source>Products</source>
        <translation>Produtos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="15" />
        <source>Stations</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="16" />
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="17" />
        <source>Validation</source>
        <translation>Validação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="18" />
        <source>Tools</source>
        <translation>Ferramentas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="73" />
        <source>Missing Python packages: {0}. See the SMRFR plugin README.</source>
        <translation>Pacotes Python ausentes: {0}. Consulte o README do plugin SMRFR.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="83" />
        <source>Cancelled by the user</source>
        <translation>Cancelado pelo usuário</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="14" />
        <source>Check the SMRFR environment</source>
        <translation>Verificar o ambiente SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="16" />
        <source>Lists the SMRFR engine version and the version of every Python package it uses.</source>
        <translation>Lista a versão do motor SMRFR e a versão de cada pacote Python que ele usa.</translation>
    </message>
</context>
</TS>
