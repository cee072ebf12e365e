<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>@default</name>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="34"/>
        <source>Load soil-moisture layers…</source>
        <translation>Carregar camadas de umidade do solo…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="186"/>
        <source>Run inference…</source>
        <translation>Executar inferência…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="261"/>
        <source>Retrain / recalibrate…</source>
        <translation>Retreinar / recalibrar…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="437"/>
        <source>Validate against stations…</source>
        <translation>Validar com estações…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="501"/>
        <source>Import and screen stations…</source>
        <translation>Importar e triar estações…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="54"/>
        <source>SMRFR</source>
        <translation>SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="150"/>
        <source>Missing Python packages: {0}. Install them with: {1} and restart QGIS.</source>
        <translation>Pacotes Python ausentes: {0}. Instale-os com: {1} e reinicie o QGIS.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="16"/>
        <source>SMRFR soil moisture</source>
        <translation>SMRFR umidade do solo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/provider.py" line="19"/>
        <source>SMRFR soil-moisture toolkit</source>
        <translation>Kit de ferramentas de umidade do solo SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="36"/>
        <source>Products</source>
        <translation>Produtos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="175"/>
        <source>Stations</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="286"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="39"/>
        <source>Validation</source>
        <translation>Validação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="40"/>
        <source>Tools</source>
        <translation>Ferramentas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="163"/>
        <source>Missing Python packages: {0}. See the SMRFR plugin README.</source>
        <translation>Pacotes Python ausentes: {0}. Consulte o README do plugin SMRFR.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="183"/>
        <source>Cancelled by the user</source>
        <translation>Cancelado pelo usuário</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="14"/>
        <source>Check the SMRFR environment</source>
        <translation>Verificar o ambiente SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="16"/>
        <source>Lists the SMRFR engine version and the version of every Python package it uses.</source>
        <translation>Lista a versão do motor SMRFR e a versão de cada pacote Python que ele usa.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="34"/>
        <source>Point inspector (time series at a clicked point)</source>
        <translation>Inspetor de pontos (série temporal no ponto clicado)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/temporal.py" line="249"/>
        <source>The run produced no raster layers to add.</source>
        <translation>A execução não produziu nenhuma camada raster para adicionar.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="60"/>
        <source>First day</source>
        <translation>Primeiro dia</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="63"/>
        <source>Last day</source>
        <translation>Último dia</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="58"/>
        <source>Build the predictor cube</source>
        <translation>Construir o cubo de preditores</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>Predictor configuration (TOML)</source>
        <translation>Configuração dos preditores (TOML)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="72"/>
        <source>Take the grid from this product</source>
        <translation>Usar a grade deste produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="74"/>
        <source>Grid extent</source>
        <translation>Extensão da grade</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="75"/>
        <source>Resolution (degrees)</source>
        <translation>Resolução (graus)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="268"/>
        <source>Predictor cube (.zarr)</source>
        <translation>Cubo de preditores (.zarr)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="96"/>
        <source>Train the SMRFR model</source>
        <translation>Treinar o modelo SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="541"/>
        <source>Screened stations (GeoPackage)</source>
        <translation>Estações triadas (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="51"/>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="287"/>
        <source>Cross-validation</source>
        <translation>Validação cruzada</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="288"/>
        <source>Folds</source>
        <translation>Partições (folds)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="124"/>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="127"/>
        <source>Estimator parameters (JSON, e.g. {&quot;n_estimators&quot;: 200})</source>
        <translation>Parâmetros do estimador (JSON, p. ex. {&quot;n_estimators&quot;: 200})</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="132"/>
        <source>Grid search</source>
        <translation>Busca em grade</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="133"/>
        <source>Permutation importance</source>
        <translation>Importância por permutação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="202"/>
        <source>Model bundle</source>
        <translation>Pacote do modelo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="147"/>
        <source>Cross-validation report</source>
        <translation>Relatório da validação cruzada</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="148"/>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="164"/>
        <source>Estimator parameters must be JSON: {0}</source>
        <translation>Os parâmetros do estimador devem estar em JSON: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="193"/>
        <source>Predict soil moisture over a region</source>
        <translation>Prever a umidade do solo em uma região</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="297"/>
        <source>Area (extent)</source>
        <translation>Área (extensão)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="298"/>
        <source>Area (polygons)</source>
        <translation>Área (polígonos)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="55"/>
        <source>Output folder</source>
        <translation>Pasta de saída</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="220"/>
        <source>Written stores</source>
        <translation>Armazenamentos gravados</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="241"/>
        <source>Recalibrate the model with local stations</source>
        <translation>Recalibrar o modelo com estações locais</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="304"/>
        <source>Base model bundle</source>
        <translation>Pacote do modelo base</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="252"/>
        <source>Local stations (GeoPackage)</source>
        <translation>Estações locais (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="253"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="254"/>
        <source>Base training stations (combine mode)</source>
        <translation>Estações de treinamento do modelo base (modo combine)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="307"/>
        <source>Weight of local samples (combine)</source>
        <translation>Peso das amostras locais (combine)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="308"/>
        <source>Share of local stations held out</source>
        <translation>Fração de estações locais reservadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="264"/>
        <source>Recalibrated model bundle</source>
        <translation>Pacote do modelo recalibrado</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="265"/>
        <source>Before/after report</source>
        <translation>Relatório antes/depois</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="274"/>
        <source>Choose the local stations GeoPackage</source>
        <translation>Escolha o GeoPackage das estações locais</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="49"/>
        <source>Product file (NetCDF, GeoTIFF)</source>
        <translation>Arquivo do produto (NetCDF, GeoTIFF)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="49"/>
        <source>Product folder (Zarr store, yearly SMRFR stores, GeoTIFF folder)</source>
        <translation>Pasta do produto (armazenamento Zarr, armazenamentos SMRFR anuais, pasta de GeoTIFF)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="49"/>
        <source>Product kind</source>
        <translation>Tipo de produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="58"/>
        <source>Layers (comma-separated names, empty = all)</source>
        <translation>Camadas (nomes separados por vírgula, vazio = todas)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="62"/>
        <source>GeoTIFF folder (one file per layer, one band per day)</source>
        <translation>Pasta de GeoTIFF (um arquivo por camada, uma banda por dia)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="64"/>
        <source>NetCDF or Zarr output</source>
        <translation>Saída NetCDF ou Zarr</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="45"/>
        <source>Choose a product file or a product folder</source>
        <translation>Escolha um arquivo ou uma pasta de produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="110"/>
        <source>Choose a GeoTIFF folder or a NetCDF/Zarr output</source>
        <translation>Escolha uma pasta de GeoTIFF ou uma saída NetCDF/Zarr</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="276"/>
        <source>Cannot export layer {0}: {1}</source>
        <translation>Não foi possível exportar a camada {0}: {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="160"/>
        <source>Product information</source>
        <translation>Informações do produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="161"/>
        <source>Lists the layers and their depths, extent, resolution, CRS, dates and size on disk of a soil-moisture product (SMRFR Zarr stores, ERA5-Land, SoMo.ml, SMCI1.0, GSSM-10 or files written by SMRFR).</source>
        <translation>Lista as camadas e suas profundidades, a extensão, a resolução, o SRC, as datas e o tamanho em disco de um produto de umidade do solo (armazenamentos Zarr do SMRFR, ERA5-Land, SoMo.ml, SMCI1.0, GSSM-10 ou arquivos gravados pelo SMRFR).</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/environment.py" line="19"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="168"/>
        <source>Layer names</source>
        <translation>Nomes das camadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="185"/>
        <source>Subset a product</source>
        <translation>Recortar um produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="44"/>
        <source>Add the 0-100 cm root-zone layer</source>
        <translation>Adicionar a camada da zona radicular de 0-100 cm</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="213"/>
        <source>Soil-moisture anomalies and percentiles</source>
        <translation>Anomalias e percentis de umidade do solo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="214"/>
        <source>Daily anomalies against a smoothed day-of-year climatology of the climatology period, and the percentile of each day within that climatology (drought monitoring).</source>
        <translation>Anomalias diárias em relação a uma climatologia suavizada por dia do ano no período de referência, e o percentil de cada dia dentro dessa climatologia (monitoramento de secas).</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="221"/>
        <source>Climatology first day</source>
        <translation>Primeiro dia da climatologia</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="221"/>
        <source>Climatology last day</source>
        <translation>Último dia da climatologia</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="225"/>
        <source>Climatology window (days)</source>
        <translation>Janela da climatologia (dias)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="241"/>
        <source>Point time series</source>
        <translation>Série temporal em um ponto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="249"/>
        <source>Point</source>
        <translation>Ponto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="252"/>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="254"/>
        <source>Cell centre x</source>
        <translation>Centro da célula x</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="255"/>
        <source>Cell centre y</source>
        <translation>Centro da célula y</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="256"/>
        <source>Distance to the cell centre (km)</source>
        <translation>Distância até o centro da célula (km)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="268"/>
        <source>Cell centre {0:.6g}, {1:.6g} at {2:.3f} km</source>
        <translation>Centro da célula {0:.6g}, {1:.6g} a {2:.3f} km</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="277"/>
        <source>Zonal statistics of a product</source>
        <translation>Estatísticas zonais de um produto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="286"/>
        <source>Zones</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="288"/>
        <source>Zone name field</source>
        <translation>Campo do nome da zona</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="295"/>
        <source>Statistics</source>
        <translation>Estatísticas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="293"/>
        <source>Cell coverage rule</source>
        <translation>Regra de cobertura das células</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="38"/>
        <source>Import and quality-control stations</source>
        <translation>Importar estações e fazer o controle de qualidade</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="58"/>
        <source>ISMN zip, station table (CSV, GPKG, SHP) or .stm file</source>
        <translation>Zip do ISMN, tabela de estações (CSV, GPKG, SHP) ou arquivo .stm</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="66"/>
        <source>Unpacked ISMN download folder</source>
        <translation>Pasta do download do ISMN descompactado</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="520"/>
        <source>Layer scheme</source>
        <translation>Esquema de camadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="77"/>
        <source>Custom layers in cm (e.g. 0-10,10-30), overrides the scheme</source>
        <translation>Camadas personalizadas em cm (p. ex. 0-10,10-30), substitui o esquema</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="515"/>
        <source>Also keep unchecked values (ISMN flag U)</source>
        <translation>Manter também valores não verificados (flag U do ISMN)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="107"/>
        <source>Linear gap filling within +- days (0 = off)</source>
        <translation>Preenchimento linear de lacunas de até +- dias (0 = desligado)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="127"/>
        <source>Table column names (key=name, e.g. id=site,time=date,value=vwc,depth_unit=cm)</source>
        <translation>Nomes das colunas da tabela (chave=nome, p. ex. id=site,time=date,value=vwc,depth_unit=cm)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="201"/>
        <source>Stations GeoPackage</source>
        <translation>GeoPackage de estações</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="140"/>
        <source>Import summary</source>
        <translation>Resumo da importação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="41"/>
        <source>Give an ISMN download, a station table or a folder</source>
        <translation>Informe um download do ISMN, uma tabela de estações ou uma pasta</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="181"/>
        <source>Screen stations by triple collocation</source>
        <translation>Triar estações por colocação tripla</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="204"/>
        <source>Land-surface model product (NetCDF, Zarr)</source>
        <translation>Produto de modelo de superfície terrestre (NetCDF, Zarr)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="206"/>
        <source>Satellite surface soil moisture (NetCDF)</source>
        <translation>Umidade superficial do solo por satélite (NetCDF)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="208"/>
        <source>Pass when the in-situ rho2 is at least</source>
        <translation>Aprovar quando o rho2 in situ for pelo menos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="540"/>
        <source>Layers below 10 cm</source>
        <translation>Camadas abaixo de 10 cm</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Satellite Soil Water Index</source>
        <translation>Soil Water Index do satélite</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Not screened</source>
        <translation>Sem triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="255"/>
        <source>Screened stations</source>
        <translation>Estações triadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="238"/>
        <source>Screening summary</source>
        <translation>Resumo da triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="254"/>
        <source>{0} of {1} station layers pass</source>
        <translation>{0} de {1} camadas de estação aprovadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="261"/>
        <source>Extended Triple Collocation of three columns</source>
        <translation>Colocação tripla estendida de três colunas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="264"/>
        <source>Extended Triple Collocation (McColl et al. 2014) of three collocated columns of a CSV table: per column the squared correlation with the unknown truth (rho2), the error standard deviation in its own units and scaled to the first column, the scaling factor beta and the number of triplets used.</source>
        <translation>Colocação tripla estendida (McColl et al. 2014) de três colunas colocadas de uma tabela CSV: para cada coluna, a correlação ao quadrado com a verdade desconhecida (rho2), o desvio padrão do erro em suas próprias unidades e escalonado para a primeira coluna, o fator de escala beta e o número de trincas usadas.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="273"/>
        <source>CSV table</source>
        <translation>Tabela CSV</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="286"/>
        <source>ETC result</source>
        <translation>Resultado da ETC</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="287"/>
        <source>ETC summary</source>
        <translation>Resumo da ETC</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="40"/>
        <source>Generate the demo region</source>
        <translation>Gerar a região de demonstração</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="312"/>
        <source>Random seed</source>
        <translation>Semente aleatória</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="54"/>
        <source>Grid cells per side (0.08 degree cells)</source>
        <translation>Células da grade por lado (células de 0,08 grau)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="57"/>
        <source>Number of stations</source>
        <translation>Número de estações</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="67"/>
        <source>Manifest file</source>
        <translation>Arquivo de manifesto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="68"/>
        <source>Number of poor stations</source>
        <translation>Número de estações ruins</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="81"/>
        <source>Poor stations: {0}</source>
        <translation>Estações ruins: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="34"/>
        <source>Metrics per station</source>
        <translation>Métricas por estação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="34"/>
        <source>Per-station metrics summary</source>
        <translation>Resumo das métricas por estação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="68"/>
        <source>Minimum number of pairs</source>
        <translation>Número mínimo de pares</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="89"/>
        <source>Skill metrics of a paired table</source>
        <translation>Métricas de desempenho de uma tabela pareada</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="103"/>
        <source>Table of matched pairs</source>
        <translation>Tabela de pares correspondentes</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="105"/>
        <source>Estimate field</source>
        <translation>Campo estimado</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="105"/>
        <source>Observed field</source>
        <translation>Campo observado</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="107"/>
        <source>Group by fields</source>
        <translation>Agrupar pelos campos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="109"/>
        <source>Date field (for the anomaly correlation)</source>
        <translation>Campo de data (para a correlação de anomalias)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="111"/>
        <source>Station field (per-station metrics)</source>
        <translation>Campo de estação (métricas por estação)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="133"/>
        <source>Metrics</source>
        <translation>Métricas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="114"/>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="143"/>
        <source>Validate products against stations</source>
        <translation>Validar produtos com estações</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="158"/>
        <source>Products (one per line: NAME=PATH or PATH)</source>
        <translation>Produtos (um por linha: NAME=PATH ou PATH)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="166"/>
        <source>Stations GeoPackage or points CSV</source>
        <translation>GeoPackage de estações ou CSV de pontos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="166"/>
        <source>Stations (*.gpkg *.csv)</source>
        <translation>Estações (*.gpkg *.csv)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="170"/>
        <source>Group stations by field (e.g. koppen)</source>
        <translation>Agrupar estações pelo campo (p. ex. koppen)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="173"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="179"/>
        <source>Validation report</source>
        <translation>Relatório de validação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="213"/>
        <source>Pooled metrics</source>
        <translation>Métricas agregadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="183"/>
        <source>Stations with metrics</source>
        <translation>Estações com métricas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="210"/>
        <source>ubRMSE {0}</source>
        <translation>ubRMSE {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="214"/>
        <source>Report: {0}</source>
        <translation>Relatório: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="224"/>
        <source>Stations coloured by ubRMSE</source>
        <translation>Estações coloridas por ubRMSE</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="81"/>
        <source>SMRFR point inspector</source>
        <translation>Inspetor de pontos SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="97"/>
        <source>Pick a point</source>
        <translation>Escolher um ponto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="100"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="101"/>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="102"/>
        <source>Click “Pick a point”, then click the map.</source>
        <translation>Clique em “Escolher um ponto” e depois clique no mapa.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="126"/>
        <source>Soil moisture ({0})</source>
        <translation>Umidade do solo ({0})</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="128"/>
        <source>x {0:.4f}, y {1:.4f} ({2})</source>
        <translation>x {0:.4f}, y {1:.4f} ({2})</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="135"/>
        <source>No SMRFR layers are loaded: use “Load soil-moisture layers” first.</source>
        <translation>Nenhuma camada SMRFR carregada: use primeiro “Carregar camadas de umidade do solo”.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="150"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="155"/>
        <source>Export PNG</source>
        <translation>Exportar PNG</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="56"/>
        <source>Cannot write the area of interest to {0}: {1}</source>
        <translation>Não foi possível gravar a área de interesse em {0}: {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="101"/>
        <source>Run</source>
        <translation>Executar</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="102"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="104"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="232"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="246"/>
        <source>Done.</source>
        <translation>Concluído.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="247"/>
        <source>{0}: done.</source>
        <translation>{0}: concluído.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="251"/>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="255"/>
        <source>Failed; see the log panel.</source>
        <translation>Falhou; veja o painel de log.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="161"/>
        <source>QGIS cannot open {0} as a vector layer</source>
        <translation>O QGIS não consegue abrir {0} como camada vetorial</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="190"/>
        <source>Predictor cubes (*.zarr *.nc);;All files (*)</source>
        <translation>Cubos de preditores (*.zarr *.nc);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="203"/>
        <source>Predictor cube</source>
        <translation>Cubo de preditores</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="53"/>
        <source>Area of interest</source>
        <translation>Área de interesse</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="54"/>
        <source>Dates</source>
        <translation>Datas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="228"/>
        <source>Choose a model bundle.</source>
        <translation>Escolha um pacote do modelo.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="344"/>
        <source>Choose a predictor cube.</source>
        <translation>Escolha um cubo de preditores.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="453"/>
        <source>Stations (layer or file)</source>
        <translation>Estações (camada ou arquivo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="311"/>
        <source>Output model bundle</source>
        <translation>Pacote do modelo de saída</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="468"/>
        <source>Choose the stations.</source>
        <translation>Escolha as estações.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="77"/>
        <source>Choose the base model bundle.</source>
        <translation>Escolha o pacote do modelo base.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="37"/>
        <source>Products (*.zarr *.nc *.tif);;All files (*)</source>
        <translation>Produtos (*.zarr *.nc *.tif);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="450"/>
        <source>Product (layer or file)</source>
        <translation>Produto (camada ou arquivo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="454"/>
        <source>Group results by field</source>
        <translation>Agrupar resultados pelo campo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="464"/>
        <source>Choose a product.</source>
        <translation>Escolha um produto.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="480"/>
        <source>Validation: {0}</source>
        <translation>Validação: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="535"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="521"/>
        <source>Quality flags</source>
        <translation>Flags de qualidade</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="576"/>
        <source>SMRFR stations</source>
        <translation>Estações SMRFR</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="48"/>
        <source>Product (folder or file)</source>
        <translation>Produto (pasta ou arquivo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="93"/>
        <source>Choose an existing product folder or file.</source>
        <translation>Escolha uma pasta ou um arquivo de produto existente.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="114"/>
        <source>Tick at least one layer.</source>
        <translation>Marque pelo menos uma camada.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/styling.py" line="48"/>
        <source>passed screening</source>
        <translation>aprovada na triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/styling.py" line="48"/>
        <source>failed screening</source>
        <translation>reprovada na triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="32"/>
        <source>[temporary output]</source>
        <translation>[saída temporária]</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="33"/>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="35"/>
        <source>Browse for a file…</source>
        <translation>Procurar um arquivo…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="35"/>
        <source>Browse for a folder…</source>
        <translation>Procurar uma pasta…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="67"/>
        <source>Choose a folder</source>
        <translation>Escolher uma pasta</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="69"/>
        <source>Save as</source>
        <translation>Salvar como</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/inputs.py" line="71"/>
        <source>Choose a file</source>
        <translation>Escolher um arquivo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Current map extent</source>
        <translation>Extensão atual do mapa</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Rectangle drawn on the map</source>
        <translation>Retângulo desenhado no mapa</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Polygon drawn on the map</source>
        <translation>Polígono desenhado no mapa</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Selected feature of a polygon layer</source>
        <translation>Feição selecionada de uma camada de polígonos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="32"/>
        <source>Typed coordinates</source>
        <translation>Coordenadas digitadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="73"/>
        <source>Draw on the map</source>
        <translation>Desenhar no mapa</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="74"/>
        <source>Use</source>
        <translation>Usar</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="78"/>
        <source>west, south, east, north</source>
        <translation>oeste, sul, leste, norte</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="81"/>
        <source>No area chosen</source>
        <translation>Nenhuma área escolhida</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="111"/>
        <source>W {0:.4f}, S {1:.4f}, E {2:.4f}, N {3:.4f} (WGS 84)</source>
        <translation>O {0:.4f}, S {1:.4f}, L {2:.4f}, N {3:.4f} (WGS 84)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="147"/>
        <source>Choose an area of interest.</source>
        <translation>Escolha uma área de interesse.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="164"/>
        <source>Select a feature of a polygon layer first.</source>
        <translation>Selecione primeiro uma feição de uma camada de polígonos.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="173"/>
        <source>Type four numbers: west, south, east, north.</source>
        <translation>Digite quatro números: oeste, sul, leste, norte.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/aoi.py" line="176"/>
        <source>West must be less than east and south less than north.</source>
        <translation>O oeste deve ser menor que o leste, e o sul menor que o norte.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="27"/>
        <source>Available dates: unknown until a product is chosen</source>
        <translation>Datas disponíveis: desconhecidas até que um produto seja escolhido</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="29"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="31"/>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="56"/>
        <source>Available dates: {0} to {1}</source>
        <translation>Datas disponíveis: {0} a {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="62"/>
        <source>The start date {0} is after the end date {1}.</source>
        <translation>A data inicial {0} é posterior à data final {1}.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/widgets/dates.py" line="64"/>
        <source>The product holds {0} to {1} only.</source>
        <translation>O produto contém apenas de {0} a {1}.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="140"/>
        <source>{0}: cancelled.</source>
        <translation>{0}: cancelado.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="142"/>
        <source>The algorithm failed; see the log panel.</source>
        <translation>O algoritmo falhou; veja o painel de log.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="144"/>
        <source>{0} failed: {1}</source>
        <translation>{0} falhou: {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="34"/>
        <source>The algorithm {0} is not available: is the SMRFR plugin enabled?</source>
        <translation>O algoritmo {0} não está disponível: o plugin SMRFR está ativado?</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/tasks.py" line="200"/>
        <source>Unexpected error: {0} (details in the log panel)</source>
        <translation>Erro inesperado: {0} (detalhes no painel de log)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="126"/>
        <source>The point inspector needs matplotlib. Install it with: {0}</source>
        <translation>O inspetor de pontos precisa do matplotlib. Instale-o com: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="125"/>
        <source>Algorithm (empty: the preset&apos;s)</source>
        <translation>Algoritmo (vazio: o da predefinição)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="208"/>
        <source>Memory budget per process (MB)</source>
        <translation>Limite de memória por processo (MB)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="209"/>
        <source>Local Dask worker processes (0: this process)</source>
        <translation>Processos de trabalho (workers) Dask locais (0: este processo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="217"/>
        <source>Dask scheduler address (e.g. tcp://10.0.0.5:8786)</source>
        <translation>Endereço do escalonador (scheduler) Dask (p. ex. tcp://10.0.0.5:8786)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="21"/>
        <source>Verdict of the station&apos;s surface layers</source>
        <translation>Veredito das camadas superficiais da estação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="522"/>
        <source>Minimum sub-daily values for a daily mean</source>
        <translation>Mínimo de valores subdiários para uma média diária</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="523"/>
        <source>Minimum valid days per sensor</source>
        <translation>Mínimo de dias válidos por sensor</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="539"/>
        <source>Minimum complete triplets</source>
        <translation>Mínimo de trincas completas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="274"/>
        <source>Three columns, comma-separated (A,B,C)</source>
        <translation>Três colunas, separadas por vírgula (A,B,C)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="168"/>
        <source>Product layers (comma-separated, empty = all)</source>
        <translation>Camadas do produto (separadas por vírgula, vazio = todas)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="176"/>
        <source>Only station layers that passed screening</source>
        <translation>Somente camadas de estação aprovadas na triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="57"/>
        <source>1 layer</source>
        <translation>1 camada</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="57"/>
        <source>{0} layers</source>
        <translation>{0} camadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="58"/>
        <source>1 day</source>
        <translation>1 dia</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="58"/>
        <source>{0} days</source>
        <translation>{0} dias</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/inspector.py" line="67"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="221"/>
        <source>Running: {0}…</source>
        <translation>Executando: {0}…</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="269"/>
        <source>Train a new model</source>
        <translation>Treinar um novo modelo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="296"/>
        <source>Recalibrate a base model with local stations</source>
        <translation>Recalibrar um modelo base com estações locais</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="62"/>
        <source>By station: whole stations held out, k folds</source>
        <translation>Por estação: estações inteiras reservadas, k partições</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="63"/>
        <source>By year: whole years held out</source>
        <translation>Por ano: anos inteiros reservados</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="64"/>
        <source>Spatial blocks: whole blocks of cells held out, k folds</source>
        <translation>Blocos espaciais: blocos inteiros de células reservados, k partições</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="65"/>
        <source>Random k-fold: days mixed across folds (optimistic)</source>
        <translation>K-fold aleatório: dias misturados entre as partições (otimista)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="79"/>
        <source>Refit: the base estimate becomes a predictor, fitted on local stations</source>
        <translation>Reajuste (refit): a estimativa do modelo base vira um preditor, ajustado nas estações locais</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="80"/>
        <source>Scratch: local stations only</source>
        <translation>Do zero (scratch): somente estações locais</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="81"/>
        <source>Combine: base training stations plus weighted local stations</source>
        <translation>Combinar (combine): estações de treinamento do modelo base mais estações locais ponderadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Import, then screen by triple collocation</source>
        <translation>Importar e depois triar por colocação tripla</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Import only</source>
        <translation>Somente importar</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="82"/>
        <source>Screen imported stations (a stations GeoPackage)</source>
        <translation>Triar estações já importadas (um GeoPackage de estações)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="85"/>
        <source>Stations (*.gpkg);;All files (*)</source>
        <translation>Estações (*.gpkg);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="86"/>
        <source>ISMN downloads and station tables (*.zip *.csv *.gpkg *.shp *.stm);;All files (*)</source>
        <translation>Downloads do ISMN e tabelas de estações (*.zip *.csv *.gpkg *.shp *.stm);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="171"/>
        <source>Screening per station layer</source>
        <translation>Triagem por camada de estação</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="267"/>
        <source>What to do</source>
        <translation>O que fazer</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="271"/>
        <source>Use only stations that passed screening</source>
        <translation>Usar somente estações aprovadas na triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="278"/>
        <source>Permutation importance of the predictors (figure)</source>
        <translation>Importância por permutação dos preditores (figura)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="281"/>
        <source>optional, e.g. {&quot;n_estimators&quot;: 200}</source>
        <translation>opcional, p. ex. {&quot;n_estimators&quot;: 200}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="284"/>
        <source>Stations (layer or GeoPackage)</source>
        <translation>Estações (camada ou GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="290"/>
        <source>Layers (e.g. 1-5 or 1,3)</source>
        <translation>Camadas (p. ex. 1-5 ou 1,3)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="293"/>
        <source>Estimator parameters (JSON)</source>
        <translation>Parâmetros do estimador (JSON)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="303"/>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="305"/>
        <source>Local stations (layer or GeoPackage)</source>
        <translation>Estações locais (camada ou GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="306"/>
        <source>Base training stations (combine)</source>
        <translation>Estações de treinamento do modelo base (combine)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="363"/>
        <source>Choose the local stations.</source>
        <translation>Escolha as estações locais.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="366"/>
        <source>Combine needs the base model&apos;s training stations.</source>
        <translation>O modo combine precisa das estações de treinamento do modelo base.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="391"/>
        <source>Base vs recalibrated model on the held-out local stations</source>
        <translation>Modelo base vs. recalibrado nas estações locais reservadas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="506"/>
        <source>Steps</source>
        <translation>Etapas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="507"/>
        <source>An ISMN download (zip or unpacked folder), a station table (CSV, GeoPackage, Shapefile) or a stations GeoPackage to screen, as a file or a project point layer</source>
        <translation>Um download do ISMN (zip ou pasta descompactada), uma tabela de estações (CSV, GeoPackage, Shapefile) ou um GeoPackage de estações a triar, como arquivo ou como camada de pontos do projeto</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="510"/>
        <source>Stations (file, folder or layer)</source>
        <translation>Estações (arquivo, pasta ou camada)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="511"/>
        <source>Import and quality control</source>
        <translation>Importação e controle de qualidade</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="519"/>
        <source>CSV column names (key=name)</source>
        <translation>Nomes das colunas do CSV (chave=nome)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="525"/>
        <source>Imported stations (GeoPackage)</source>
        <translation>Estações importadas (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="526"/>
        <source>Screening by triple collocation</source>
        <translation>Triagem por colocação tripla</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="527"/>
        <source>Land-surface model (*.nc *.zarr);;All files (*)</source>
        <translation>Modelo de superfície terrestre (*.nc *.zarr);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="528"/>
        <source>Satellite soil moisture (*.nc);;All files (*)</source>
        <translation>Umidade do solo por satélite (*.nc);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="536"/>
        <source>Land-surface model (e.g. ERA5-Land)</source>
        <translation>Modelo de superfície terrestre (p. ex. ERA5-Land)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="537"/>
        <source>Satellite surface soil moisture</source>
        <translation>Umidade superficial do solo por satélite</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="538"/>
        <source>Pass when the in-situ rho² is at least</source>
        <translation>Aprovar quando o rho² in situ for pelo menos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="552"/>
        <source>Choose the stations: an ISMN download, a table or a stations GeoPackage.</source>
        <translation>Escolha as estações: um download do ISMN, uma tabela ou um GeoPackage de estações.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="563"/>
        <source>Choose the land-surface model product.</source>
        <translation>Escolha o produto do modelo de superfície terrestre.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="563"/>
        <source>Choose the satellite soil-moisture product.</source>
        <translation>Escolha o produto de umidade do solo por satélite.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="578"/>
        <source>SMRFR stations (screening)</source>
        <translation>Estações SMRFR (triagem)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="261"/>
        <source>Also use stations that failed screening</source>
        <translation>Usar também estações reprovadas na triagem</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="242"/>
        <source>Retrains a model bundle with a region&apos;s own stations: refit (the base model&apos;s estimate becomes a predictor, fitted on the local stations), scratch (local stations only) or combine (base training stations plus weighted local ones). A share of the local stations (a third by default) is held out and the report compares the base and the recalibrated model there (ubRMSE, bias, R per layer).</source>
        <translation>Retreina um pacote do modelo com as próprias estações de uma região: refit (a estimativa do modelo base torna-se um preditor, ajustado nas estações locais), scratch (somente estações locais) ou combine (estações de treinamento do modelo base mais as locais, ponderadas). Uma parte das estações locais (um terço por padrão) é reservada, e o relatório compara nelas o modelo base e o modelo recalibrado (ubRMSE, bias, R por camada).</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="73"/>
        <source>Default: gradient boosting, fast and compact (within 3 % of the published accuracy)</source>
        <translation>Padrão: gradient boosting, rápido e compacto (precisão a menos de 3 % da publicada)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="75"/>
        <source>Published SMRFR Random Forest: 1100 full-depth trees (GBs)</source>
        <translation>Random Forest publicada do SMRFR: 1100 árvores de profundidade total (GBs)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="129"/>
        <source>Learn the departure from this per-layer predictor (empty: the preset&apos;s, fca for default; none: soil moisture itself)</source>
        <translation>Aprender o desvio em relação a este preditor por camada (vazio: o do preset, fca para default; none: a própria umidade do solo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="135"/>
        <source>Also fit 10/90 % quantile models (uncertainty of boosted models)</source>
        <translation>Ajustar também modelos dos quantis de 10/90 % (incerteza dos modelos de boosting)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="208"/>
        <source>Uncertainty: spread across trees (forests) or 10/90 % quantiles (boosted models trained with quantiles)</source>
        <translation>Incerteza: dispersão entre as árvores (florestas) ou quantis de 10/90 % (modelos de boosting treinados com quantis)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="193"/>
        <source>Also write the uncertainty (spread of the trees or 10/90 % quantiles)</source>
        <translation>Gravar também a incerteza (dispersão entre as árvores ou quantis de 10/90 %)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="279"/>
        <source>Also fit 10/90 % quantile models (uncertainty bands)</source>
        <translation>Ajustar também modelos dos quantis de 10/90 % (faixas de incerteza)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="194"/>
        <source>Runs a model bundle over the land cells of a predictor cube (optionally within an extent or polygons and a date range), layer after layer, block by block within a memory budget, and writes yearly SMRFR-layout Zarr stores SMRFR_YYYY_v1.0.zarr. Cells with a missing predictor are nodata. Optionally adds the uncertainty: the spread across a forest&apos;s trees (e.g. sml1_p_sd) or, for a boosted model trained with 10/90 % quantile models, an 80 % band (e.g. sml1_p_q10, sml1_p_q90). A cancelled run resumes where it stopped. The blocks can run on a local Dask cluster (worker processes) or on a running Dask scheduler; the output is identical.</source>
        <translation>Executa um pacote do modelo sobre as células de terra de um cubo de preditores (opcionalmente dentro de uma extensão ou de polígonos e de um intervalo de datas), camada após camada, bloco a bloco dentro de um limite de memória, e grava armazenamentos Zarr anuais no formato SMRFR SMRFR_YYYY_v1.0.zarr. Células com algum preditor ausente ficam sem dados (nodata). Opcionalmente adiciona a incerteza: a dispersão entre as árvores de uma floresta (p. ex. sml1_p_sd) ou, para um modelo de boosting treinado com modelos dos quantis de 10/90 %, uma faixa de 80 % (p. ex. sml1_p_q10, sml1_p_q90). Uma execução cancelada é retomada de onde parou. Os blocos podem ser executados em um cluster Dask local (processos de trabalho) ou em um escalonador (scheduler) Dask em execução; a saída é idêntica.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="524"/>
        <source>Longest gap to fill, days (0 = off)</source>
        <translation>Maior lacuna a preencher, em dias (0 = desligado)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="201"/>
        <source>optional, e.g. tcp://10.0.0.5:8786</source>
        <translation>opcional, p. ex. tcp://10.0.0.5:8786</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="207"/>
        <source>Memory and parallel processing</source>
        <translation>Memória e processamento paralelo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="210"/>
        <source>Dask scheduler address</source>
        <translation>Endereço do escalonador (scheduler) Dask</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="68"/>
        <source>Cross-validation by station, {0} folds</source>
        <translation>Validação cruzada por estação, {0} partições</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="69"/>
        <source>Cross-validation by year</source>
        <translation>Validação cruzada por ano</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="70"/>
        <source>Cross-validation by spatial block, {0} folds</source>
        <translation>Validação cruzada por bloco espacial, {0} partições</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="71"/>
        <source>Random k-fold cross-validation, {0} folds</source>
        <translation>Validação cruzada k-fold aleatória, {0} partições</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="144"/>
        <source>Base model bundle (its estimates become predictors)</source>
        <translation>Pacote do modelo base (suas estimativas tornam-se preditores)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="282"/>
        <source>Learn a correction of a base model (its estimates become predictors)</source>
        <translation>Aprender uma correção de um modelo base (suas estimativas viram preditores)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="118"/>
        <source>Repeats of the cross-validation (new dealings of the folds; scores: their mean)</source>
        <translation>Repetições da validação cruzada (novas distribuições dos folds; pontuações: a média delas)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="289"/>
        <source>Repeats (new dealings of the folds)</source>
        <translation>Repetições (novas distribuições dos folds)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="72"/>
        <source>Take the grid from this product folder (Zarr store, yearly stores)</source>
        <translation>Usar a grade desta pasta de produto (armazenamento Zarr, armazenamentos anuais)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="307"/>
        <source>The zones layer {0} has no field {1!r}; its fields: {2}</source>
        <translation>A camada de zonas {0} não tem o campo {1!r}; seus campos: {2}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="187"/>
        <source>Per station and layer, collocates the daily in-situ series with a land-surface model (e.g. ERA5-Land, layers mapped by thickness-weighted overlap) and a satellite surface soil-moisture product at the station&apos;s cell and computes Extended Triple Collocation (McColl et al. 2014). Layers below 10 cm take the verdict of the station&apos;s surface layers (the default), use the satellite&apos;s Soil Water Index (exponential filter) or are left unscreened. The land-surface model and the satellite product are each a file or a folder of yearly files. A layer passes when the in-situ rho2 reaches the threshold (SMRFR: 0.762). Writes a copy of the stations GeoPackage with the table &apos;screening&apos;; nothing is deleted.</source>
        <translation>Para cada estação e camada, coloca a série diária in situ junto com um modelo de superfície terrestre (p. ex. ERA5-Land, camadas mapeadas por sobreposição ponderada pela espessura) e um produto de umidade superficial do solo por satélite na célula da estação, e calcula a colocação tripla estendida (McColl et al. 2014). Camadas abaixo de 10 cm recebem o veredito das camadas superficiais da estação (o padrão), usam o Soil Water Index do satélite (filtro exponencial) ou ficam sem triagem. O modelo de superfície terrestre e o produto de satélite são, cada um, um arquivo ou uma pasta de arquivos anuais. Uma camada é aprovada quando o rho2 in situ atinge o limiar (SMRFR: 0,762). Grava uma cópia do GeoPackage de estações com a tabela 'screening'; nada é excluído.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="204"/>
        <source>Land-surface model folder (yearly NetCDF files, Zarr store)</source>
        <translation>Pasta do modelo de superfície terrestre (arquivos NetCDF anuais, armazenamento Zarr)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="206"/>
        <source>Satellite surface soil moisture folder (yearly NetCDF files)</source>
        <translation>Pasta de umidade superficial do solo por satélite (arquivos NetCDF anuais)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="63"/>
        <source>layer {0!r}</source>
        <translation>camada {0!r}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="199"/>
        <source>Give {0} or {1}, not both</source>
        <translation>Informe {0} ou {1}, não ambos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="223"/>
        <source>{0}: cannot write {1}: give a name ending in {2}</source>
        <translation>{0}: não é possível gravar {1}: informe um nome terminado em {2}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="223"/>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="226"/>
        <source>; GeoTIFFs are written to a folder: {0}</source>
        <translation>; GeoTIFFs são gravados em uma pasta: {0}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="117"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="265"/>
        <source>points</source>
        <translation>pontos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="265"/>
        <source>lines</source>
        <translation>linhas</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="266"/>
        <source>{0}: the layer {1} holds {2}; expected polygons</source>
        <translation>{0}: a camada {1} contém {2}; esperados polígonos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="266"/>
        <source>no geometries</source>
        <translation>nenhuma geometria</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="91"/>
        <source>Computes R (with its 95 % Fisher-z interval), R2 = NSE = 1 - SSE/SST, bias (estimate - observed), RMSE, ubRMSE, MAE, NRMSE (RMSE / mean observed), KGE (Gupta 2009) with r, alpha and beta, and the anomaly correlation (35-day centred window) of an estimate field against an observed field, pooled per group (several group fields: separated by &apos;;&apos;, e.g. GROUP=product;layer in qgis_process, or a list in Python). With a station field, also per station and summarised (median, IQR) per group. Groups with fewer than the minimum number of pairs get empty scores and a reason.</source>
        <translation>Calcula R (com seu intervalo de 95 % por Fisher-z), R2 = NSE = 1 - SSE/SST, bias (estimado - observado), RMSE, ubRMSE, MAE, NRMSE (RMSE / média observada), KGE (Gupta 2009) com r, alpha e beta, e a correlação de anomalias (janela centrada de 35 dias) de um campo estimado em relação a um campo observado, agregados por grupo (vários campos de grupo: separados por ';', por exemplo GROUP=product;layer no qgis_process, ou uma lista em Python). Com um campo de estação, também por estação e resumidos (mediana, IQR) por grupo. Grupos com menos pares que o mínimo recebem pontuações vazias e um motivo.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="59"/>
        <source>Brings every predictor of the SMRFR model onto one grid and a daily time axis, as one Zarr store: ERA5-Land soil moisture and temperature mapped to each layer by thickness-weighted overlap and regridded bilinearly, precipitation sums, MODIS NDVI/EVI interpolated to daily, SoilGrids texture, bulk density and field capacity per layer, DEM, slope, longitude and latitude. The TOML configuration names each source file and variable. The grid comes from a product (its own cells, or cells of the resolution over its extent when given), or from the extent and the resolution (default 0.08 degrees), one of them; with neither, from the [grid] section (bbox, resolution) of the TOML configuration, and no resolution.</source>
        <translation>Leva todos os preditores do modelo SMRFR para uma grade e um eixo de tempo diário, em um armazenamento Zarr: umidade e temperatura do solo do ERA5-Land mapeadas para cada camada por sobreposição ponderada pela espessura e reamostradas bilinearmente, somas de precipitação, NDVI/EVI do MODIS interpolados para diário, textura, densidade do solo e capacidade de campo do SoilGrids por camada, MDE, declividade, longitude e latitude. A configuração TOML indica cada arquivo de origem e variável. A grade vem de um produto (suas próprias células, ou células da resolução sobre sua extensão quando informada), ou da extensão e da resolução (padrão 0,08 graus), um dos dois; sem nenhum, da seção [grid] (bbox, resolution) da configuração TOML, e sem resolução.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="57"/>
        <source>drawn or selected on the map</source>
        <translation>desenhada ou selecionada no mapa</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="121"/>
        <source>Block size in degrees (block cross-validation; empty: from the stations&apos; spread)</source>
        <translation>Tamanho do bloco em graus (validação cruzada por blocos; vazio: a partir da dispersão das estações)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="140"/>
        <source>Feed each layer&apos;s estimate to the model of the layer below (the cascade)</source>
        <translation>Passar a estimativa de cada camada ao modelo da camada abaixo (a cascata)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="266"/>
        <source>Held-out local stations (GeoPackage)</source>
        <translation>Estações locais reservadas (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="224"/>
        <source>This model has no uncertainty: it is a boosted model trained without the 10/90 % quantile models</source>
        <translation>Este modelo não tem incerteza: é um modelo de boosting treinado sem os modelos de quantis 10/90 %</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="97"/>
        <source>Trains one regressor per soil layer on the station cells and days of the predictor cube; layer N also gets the estimate of layer N-1 (out-of-fold in training). Cross-validation by station, year, spatial block or random k-fold gives R, bias, RMSE, ubRMSE and MAE per layer (pooled and per-station median) next to the reanalysis at the same samples (with repeats: the mean over new dealings of the folds, and the ubRMSE range); permutation importance per predictor and group. Layers are numbers (1-5, 1,2,3 or 2), not layer names; empty: every layer of the cube&apos;s layer scheme. Writes a model bundle folder (safe formats, checksums). With a base model, each layer also gets that model&apos;s estimate of it, and learns a correction of it from these stations; the bundle keeps a copy of the base model.</source>
        <translation>Treina um regressor por camada de solo nas células das estações e nos dias do cubo de preditores; a camada N também recebe a estimativa da camada N-1 (fora da partição no treinamento). A validação cruzada por estação, ano, bloco espacial ou k-fold aleatório fornece R, bias, RMSE, ubRMSE e MAE por camada (agregados e mediana por estação) ao lado da reanálise nas mesmas amostras (com repetições: a média sobre novas distribuições dos folds e a faixa do ubRMSE); importância por permutação por preditor e por grupo. As camadas são números (1-5, 1,2,3 ou 2), não nomes de camadas; vazio: todas as camadas do esquema de camadas do cubo. Grava uma pasta de pacote do modelo (formatos seguros, somas de verificação). Com um modelo base, cada camada também recebe a estimativa desse modelo para ela e aprende uma correção dela a partir destas estações; o pacote guarda uma cópia do modelo base.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/model.py" line="112"/>
        <source>Layers (numbers: 1-5, 1,2,3 or 2; empty: every layer of the cube)</source>
        <translation>Camadas (números: 1-5, 1,2,3 ou 2; vazio: todas as camadas do cubo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>ISMN station download (zip)</source>
        <translation>Download de estações do ISMN (zip)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>ERA5-Land-like reanalysis folder</source>
        <translation>Pasta da reanálise no estilo ERA5-Land</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>Satellite soil-moisture folder</source>
        <translation>Pasta da umidade do solo por satélite</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="24"/>
        <source>True soil moisture folder (SMRFR stores)</source>
        <translation>Pasta da umidade do solo verdadeira (armazenamentos SMRFR)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/synth.py" line="42"/>
        <source>Generates a synthetic soil-moisture region whose true soil moisture is known, with every input written in its real format: the truth as SMRFR Zarr stores, ERA5-Land-like NetCDF, satellite surface soil moisture, MODIS-like NDVI/EVI GeoTIFFs, SoilGrids-like texture and field capacity, a DEM and an ISMN station download (zip), plus manifest.json listing the files and the known facts (which stations are poor) and predictors.toml, the region&apos;s predictor configuration for Build the predictor cube. The configuration, the station download, the reanalysis, satellite and truth folders are also outputs, for the next steps of a model. The same seed gives the same bytes.</source>
        <translation>Gera uma região sintética de umidade do solo cuja umidade do solo verdadeira é conhecida, com cada entrada gravada em seu formato real: a verdade como armazenamentos Zarr do SMRFR, NetCDF no estilo ERA5-Land, umidade superficial do solo por satélite, GeoTIFFs de NDVI/EVI no estilo MODIS, textura e capacidade de campo no estilo SoilGrids, um DEM e um download de estações do ISMN (zip), além de manifest.json listando os arquivos e os fatos conhecidos (quais estações são ruins) e predictors.toml, a configuração de preditores da região para Construir o cubo de preditores. A configuração, o download de estações e as pastas da reanálise, do satélite e da verdade também são saídas, para os passos seguintes de um modelo. A mesma semente gera os mesmos bytes.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="181"/>
        <source>Matched pairs</source>
        <translation>Pares correspondentes</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/workflows.py" line="277"/>
        <source>every layer of the cube</source>
        <translation>todas as camadas do cubo</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="67"/>
        <source>Zarr format (QGIS 3.22 and GDAL &lt; 3.8 read only 2)</source>
        <translation>Formato Zarr (o QGIS 3.22 e o GDAL &lt; 3.8 leem apenas o 2)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="186"/>
        <source>Crops a soil-moisture product to an extent or polygons (cells outside the polygons become nodata; neither: the whole product) and a date range, optionally adds the 0-100 cm root-zone layer and depth-range layers, and writes a folder of GeoTIFFs (one per layer, one band per day) and/or a NetCDF or Zarr file. GeoTIFF and NetCDF outputs are added to the project.</source>
        <translation>Recorta um produto de umidade do solo para uma extensão ou polígonos (células fora dos polígonos tornam-se sem dados; nenhum dos dois: o produto inteiro) e um intervalo de datas, opcionalmente adiciona a camada da zona radicular de 0-100 cm e camadas de intervalos de profundidade, e grava uma pasta de GeoTIFFs (um por camada, uma banda por dia) e/ou um arquivo NetCDF ou Zarr. As saídas GeoTIFF e NetCDF são adicionadas ao projeto.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="198"/>
        <source>Add depth-range layers (cm, thickness-weighted, e.g. 0-10,10-40)</source>
        <translation>Adicionar camadas de intervalos de profundidade (cm, ponderadas pela espessura, p. ex. 0-10,10-40)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="242"/>
        <source>Daily soil moisture of every layer at a point to a CSV table, added to the project: the value of the cell containing it (nearest) or interpolated between the four nearest cell centres (bilinear); reports the centre of the cell used and its distance to the point.</source>
        <translation>Umidade do solo diária de todas as camadas em um ponto para uma tabela CSV, adicionada ao projeto: o valor da célula que o contém (mais próxima) ou interpolado entre os quatro centros de célula mais próximos (bilinear); informa o centro da célula usada e sua distância até o ponto.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="145"/>
        <source>Extracts each product at each station&apos;s cell for each day, maps the station depths to the product&apos;s layers and computes the metrics per product, layer, station and group on the common valid sample of all products. Products: one per line, NAME=PATH or PATH (Zarr store, folder of yearly stores, NetCDF, GeoTIFF folder); a product whose layout is not detected takes its kind (NAME=smrfr, era5, somo, smci or gssm) or a JSON description (NAME=FILE). Points: a stations GeoPackage (Import stations) or a CSV with station_id, lon, lat, date, layer_top, layer_bottom (cm) and sm (m3/m3). Writes the metric tables, the matched pairs, a GeoPackage of stations with their metrics (loaded, styled by ubRMSE) and report.html with the figures.</source>
        <translation>Extrai cada produto na célula de cada estação para cada dia, associa as profundidades das estações às camadas do produto e calcula as métricas por produto, camada, estação e grupo na amostra válida comum a todos os produtos. Produtos: um por linha, NOME=CAMINHO ou CAMINHO (armazenamento Zarr, pasta de armazenamentos anuais, NetCDF, pasta de GeoTIFFs); um produto cujo formato não é detectado recebe seu tipo (NOME=smrfr, era5, somo, smci ou gssm) ou uma descrição JSON (NOME=ARQUIVO). Pontos: um GeoPackage de estações (Importar estações) ou um CSV com station_id, lon, lat, date, layer_top, layer_bottom (cm) e sm (m3/m3). Grava as tabelas de métricas, os pares associados, um GeoPackage das estações com suas métricas (carregado, estilizado pelo ubRMSE) e report.html com as figuras.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="160"/>
        <source>Kinds of products not detected (one per line: NAME=KIND)</source>
        <translation>Tipos dos produtos não detectados (um por linha: NOME=TIPO)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/validation.py" line="163"/>
        <source>JSON descriptions of products (one per line: NAME=FILE)</source>
        <translation>Descrições JSON dos produtos (uma por linha: NOME=ARQUIVO)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="53"/>
        <source>Product description (JSON) of another CF NetCDF or GeoTIFF series</source>
        <translation>Descrição do produto (JSON) de outra série CF NetCDF ou GeoTIFF</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="42"/>
        <source>Reads an ISMN download (zip archive or unpacked folder, &apos;Header+values&apos; or &apos;CEOP separate&apos;) or a station table (CSV with station id, lon, lat, time, depth or layer and value; GeoPackage/Shapefile points with a linked time-series table), keeps ISMN flag G values (optionally U), applies the Dorigo et al. (2013) plausibility checks to data without flags, averages sub-daily values to daily means, drops short sensors, maps sensor depths to the layers of a scheme (several sensors in a layer: those nearest its mid-depth, or all, averaged), optionally averages the stations of a grid cell and rescales each series to a reference product&apos;s mean and standard deviation, and writes one GeoPackage with the layers stations, daily, sensors, qc_log and run_info. Every dropped value is counted in qc_log.</source>
        <translation>Lê um download do ISMN (arquivo zip ou pasta descompactada, 'Header+values' ou 'CEOP separate') ou uma tabela de estações (CSV com id da estação, lon, lat, tempo, profundidade ou camada e valor; pontos GeoPackage/Shapefile com uma tabela de séries temporais vinculada), mantém os valores com flag G do ISMN (opcionalmente U), aplica as verificações de plausibilidade de Dorigo et al. (2013) aos dados sem flags, calcula médias diárias dos valores subdiários, descarta sensores curtos, associa as profundidades dos sensores às camadas de um esquema (vários sensores em uma camada: os mais próximos da profundidade média dela, ou todos, em média), opcionalmente calcula a média das estações de uma célula de grade e reescala cada série para a média e o desvio padrão de um produto de referência, e grava um GeoPackage com as camadas stations, daily, sensors, qc_log e run_info. Cada valor descartado é contado em qc_log.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="116"/>
        <source>Plausibility checks (Dorigo et al. 2013): auto = only data without flags</source>
        <translation>Verificações de plausibilidade (Dorigo et al. 2013): auto = apenas dados sem flags</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="119"/>
        <source>Several sensors in a layer: nearest its mid-depth, or the mean of all</source>
        <translation>Vários sensores em uma camada: os mais próximos da profundidade média, ou a média de todos</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="122"/>
        <source>Average the stations within cells of this size (degrees; empty = off)</source>
        <translation>Calcular a média das estações em células deste tamanho (graus; vazio = desativado)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="125"/>
        <source>Rescale each series to this product (file)</source>
        <translation>Reescalar cada série para este produto (arquivo)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="125"/>
        <source>Rescale each series to this product (folder)</source>
        <translation>Reescalar cada série para este produto (pasta)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/stations.py" line="134"/>
        <source>Time-series table linked to a point layer (CSV or GeoPackage)</source>
        <translation>Tabela de séries temporais vinculada a uma camada de pontos (CSV ou GeoPackage)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/algorithms/products.py" line="278"/>
        <source>Statistics of each layer per polygon and per day. Coverage rule &apos;fraction&apos; weights each cell by its area inside the polygon (on a longitude/latitude grid, its area on the sphere): the zone&apos;s area mean; &apos;centre&apos; counts the cells whose centre is inside. Writes a GeoPackage (zone geometry on every row) or CSV.</source>
        <translation>Estatísticas de cada camada por polígono e por dia. A regra de cobertura 'fraction' pondera cada célula pela sua área dentro do polígono (numa grade de longitude/latitude, sua área na esfera): a média da zona por área; 'centre' conta as células cujo centro está dentro. Grava um GeoPackage (geometria da zona em cada linha) ou CSV.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="338"/>
        <source>SMRFR needs Python {0} or newer, and this QGIS runs Python {1}: no package install can help. Use a QGIS built with Python {0} or newer.</source>
        <translation>O SMRFR precisa do Python {0} ou mais recente, e este QGIS usa o Python {1}: instalar pacotes não resolve. Use um QGIS construído com Python {0} ou mais recente.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/common.py" line="34"/>
        <source>Detect from file and variable names</source>
        <translation>Detectar pelos nomes de arquivos e variáveis</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="39"/>
        <source>Product descriptions (*.json)</source>
        <translation>Descrições de produto (*.json)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="50"/>
        <source>Product description (JSON, optional)</source>
        <translation>Descrição do produto (JSON, opcional)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/load_layers.py" line="95"/>
        <source>The product description {0} is not a file.</source>
        <translation>A descrição do produto {0} não é um arquivo.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="193"/>
        <source>The layers {0} show files this run replaces. Remove them from the project and run? (The new results are added when the run ends.)</source>
        <translation>As camadas {0} mostram arquivos que esta execução substitui. Removê-las do projeto e executar? (Os novos resultados são adicionados quando a execução terminar.)</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/dialogs/base.py" line="197"/>
        <source>Not run: choose another output, or let the layers be removed.</source>
        <translation>Não executado: escolha outra saída ou permita que as camadas sejam removidas.</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="208"/>
        <source>{0}: {1} does not exist</source>
        <translation>{0}: {1} não existe</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/processing/base.py" line="212"/>
        <source>{0} {1} is before {2} {3}</source>
        <translation>{0} {1} é anterior a {2} {3}</translation>
    </message>
    <message>
        <location filename="../smrfr_qgis/plugin.py" line="159"/>
        <source>{0} in the OSGeo4W Shell</source>
        <translation>{0} no OSGeo4W Shell</translation>
    </message>
</context>
</TS>
