<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About {app}</source>
            <translation>{app} 정보</translation>
        </message>
        <message>
            <source>About</source>
            <translation>정보</translation>
        </message>
        <message>
            <source>Bundled data</source>
            <translation>포함된 데이터</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>세부 정보 복사</translation>
        </message>
        <message>
            <source>Copy the version numbers, e.g. for a bug report</source>
            <translation>버전 정보를 복사합니다 (예: 버그 신고용)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <source>Version {version}  ·  {licence} licence</source>
            <translation>버전 {version}  ·  {licence} 라이선스</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>플랫폼</translation>
        </message>
        <message>
            <source>Libraries in use</source>
            <translation>사용 중인 라이브러리</translation>
        </message>
        <message>
            <source>The digits, iris and MNIST data that come with the app are credited in the Bundled data tab.</source>
            <translation>앱에 포함된 digits, iris, MNIST 데이터의 출처는 '포함된 데이터' 탭에 있습니다.</translation>
        </message>
        <message>
            <source>The example data sets ship with the app so that the presets train offline. Where each one comes from, and under which licence:</source>
            <translation>예제 데이터셋은 프리셋을 오프라인으로 학습할 수 있도록 앱에 포함되어 있습니다. 각 데이터의 출처와 라이선스:</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>복사됨</translation>
        </message>
    </context>
    <context>
        <name>AboutPreset</name>
        <message>
            <source>Untitled graph</source>
            <translation>제목 없는 그래프</translation>
        </message>
        <message>
            <source>This graph has no description yet. Click an empty spot on the canvas to give it a title and a description in the Inspector.</source>
            <translation>이 그래프에는 아직 설명이 없습니다. 캔버스의 빈 곳을 클릭하면 인스펙터에서 제목과 설명을 쓸 수 있습니다.</translation>
        </message>
        <message>
            <source>Opens in the {view} view</source>
            <translation>{view} 화면에서 열림</translation>
        </message>
        <message>
            <source>Compares {summary}</source>
            <translation>비교: {summary}</translation>
        </message>
    </context>
    <context>
        <name>AccuracyPanel</name>
        <message>
            <source>Accuracy</source>
            <translation>정확도</translation>
        </message>
        <message>
            <source>A GAN's training classifies nothing: the discriminator's accuracy on real and on generated samples is in the D and G view.</source>
            <translation>GAN의 학습은 아무것도 분류하지 않습니다: 진짜 샘플과 생성된 샘플에 대한 판별자의 정확도는 'D와 G' 보기에 있습니다.</translation>
        </message>
    </context>
    <context>
        <name>AddSubgraph</name>
        <message>
            <source>Add {type_name}</source>
            <translation>{type_name} 추가</translation>
        </message>
    </context>
    <context>
        <name>BoundaryThumbnailsPanel</name>
        <message>
            <source>Decision boundaries</source>
            <translation>결정 경계</translation>
        </message>
        <message>
            <source>Prediction over the input plane, per run</source>
            <translation>입력 평면 위의 예측값 (실행별)</translation>
        </message>
    </context>
    <context>
        <name>CanvasLive</name>
        <message>
            <source>Show live &amp;previews on the canvas</source>
            <translation>캔버스에 실시간 미리보기 표시(&amp;P)</translation>
        </message>
        <message>
            <source>Beside each layer, a small picture of what it does while the network trains: its output's histogram (dead or saturated units), feature maps, the loss curve</source>
            <translation>층마다 옆에 학습 중에 하는 일을 작은 그림으로 보여 줍니다: 출력의 히스토그램(죽었거나 포화된 유닛), 특성 맵, 손실 곡선</translation>
        </message>
        <message>
            <source>Show forward/backward &amp;norms on wires</source>
            <translation>연결선에 순전파/역전파 노름 표시(&amp;N)</translation>
        </message>
        <message>
            <source>On each wire, the norm of the activation going forward and of the loss's gradient coming back: step (F10) and watch the chain rule layer by layer</source>
            <translation>연결선마다 앞으로 가는 활성화 값의 노름과 되돌아오는 손실 기울기의 노름을 보여 줍니다: 한 스텝(F10)씩 진행하며 연쇄 법칙을 층별로 살펴보세요</translation>
        </message>
        <message>
            <source>Previews</source>
            <translation>미리보기</translation>
        </message>
        <message>
            <source>Wire norms</source>
            <translation>연결선 노름</translation>
        </message>
        <message>
            <source>Step (F10) or train to see the norms on the wires</source>
            <translation>한 스텝(F10) 진행하거나 학습하면 연결선에 노름이 나타납니다</translation>
        </message>
        <message>
            <source>‖a‖: the norm of one sample's activation on this wire, ‖∂L/∂a‖: of the loss's gradient with respect to it (root mean square over the last batch). Amber: ten times smaller than the largest gradient in the network, red: a hundred times.</source>
            <translation>‖a‖: 이 연결선을 지나는 샘플 하나의 활성화 값 노름, ‖∂L/∂a‖: 그에 대한 손실 기울기의 노름 (마지막 배치의 제곱평균제곱근). 주황: 신경망에서 가장 큰 기울기보다 10배 작음, 빨강: 100배 작음.</translation>
        </message>
    </context>
    <context>
        <name>CanvasPreview</name>
        <message>
            <source>Histogram of this node's output values on validation samples (bar height: square root of the count)</source>
            <translation>검증 샘플에서 이 노드가 출력한 값의 히스토그램 (막대 높이: 개수의 제곱근)</translation>
        </message>
        <message>
            <source>input → output</source>
            <translation>입력 → 출력</translation>
        </message>
        <message>
            <source>The first channels of one validation image going in (left) and coming out (right): pooling keeps the strongest response of each window at a lower resolution</source>
            <translation>검증 이미지 하나의 처음 몇 채널이 들어가고(왼쪽) 나오는(오른쪽) 모습: 풀링은 창마다 가장 강한 반응만 낮은 해상도로 남깁니다</translation>
        </message>
        <message>
            <source>training loss</source>
            <translation>학습 손실</translation>
        </message>
        <message>
            <source>This layer's first feature maps for one validation image (orange below 0, blue above)</source>
            <translation>검증 이미지 하나에 대한 이 층의 처음 몇 특성 맵 (0 아래는 주황, 위는 파랑)</translation>
        </message>
        <message>
            <source>This layer's first feature maps for one validation image</source>
            <translation>검증 이미지 하나에 대한 이 층의 처음 몇 특성 맵</translation>
        </message>
        <message>
            <source>The training loss so far, smoothed: now {last} (lowest {lo}, highest {hi})</source>
            <translation>지금까지의 학습 손실 (평활화): 현재 {last} (최저 {lo}, 최고 {hi})</translation>
        </message>
        <message>
            <source>{n} of {c} feature maps</source>
            <translation>특성 맵 {c}개 중 {n}개</translation>
        </message>
        <message>
            <source>dead {p}%</source>
            <translation>죽은 유닛 {p}%</translation>
        </message>
        <message>
            <source>Dead: {p}% of its units output 0 for every sample, so they pass no gradient back and stop learning (dying ReLU).</source>
            <translation>죽은 유닛: 유닛의 {p}%가 모든 샘플에서 0을 출력해서 기울기를 돌려보내지 못하고 학습을 멈췄습니다 (죽은 ReLU).</translation>
        </message>
        <message>
            <source>saturated {p}%</source>
            <translation>포화 {p}%</translation>
        </message>
        <message>
            <source>Saturated: {p}% of its outputs sit where its slope is under a tenth of its peak, so almost no gradient flows back through them (vanishing gradients).</source>
            <translation>포화: 출력의 {p}%가 기울기가 최댓값의 10분의 1도 안 되는 곳에 있어서 역전파되는 기울기가 거의 없습니다 (기울기 소실).</translation>
        </message>
    </context>
    <context>
        <name>CompareController</name>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <source>JSON files (*.json)</source>
            <translation>JSON 파일 (*.json)</translation>
        </message>
        <message>
            <source>comparing optimizers</source>
            <translation>옵티마이저 비교 중</translation>
        </message>
        <message>
            <source>Stop the comparison</source>
            <translation>비교 중지</translation>
        </message>
        <message>
            <source>Optimizers</source>
            <translation>옵티마이저</translation>
        </message>
        <message>
            <source>Loss-surface race</source>
            <translation>손실 곡면 경주</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>&amp;Compare optimizers</source>
            <translation>옵티마이저 비교</translation>
        </message>
        <message>
            <source>Train the graph with several optimizers side by side</source>
            <translation>여러 옵티마이저로 그래프를 나란히 학습합니다</translation>
        </message>
        <message>
            <source>Loss-surface &amp;race</source>
            <translation>손실 곡면 경주</translation>
        </message>
        <message>
            <source>Race the optimizers on analytic 2D loss surfaces</source>
            <translation>해석적인 2D 손실 곡면 위에서 옵티마이저들을 경주시킵니다</translation>
        </message>
        <message>
            <source>&amp;Start comparison</source>
            <translation>비교 시작</translation>
        </message>
        <message>
            <source>Start the runs chosen in the Compare dock</source>
            <translation>비교 패널에서 고른 실행을 시작합니다</translation>
        </message>
        <message>
            <source>S&amp;top comparison</source>
            <translation>비교 중지</translation>
        </message>
        <message>
            <source>Stop every run now</source>
            <translation>모든 실행을 지금 중지합니다</translation>
        </message>
        <message>
            <source>Save results as &amp;CSV…</source>
            <translation>결과를 CSV로 저장…</translation>
        </message>
        <message>
            <source>One row per run</source>
            <translation>실행마다 한 행</translation>
        </message>
        <message>
            <source>Save results as &amp;JSON…</source>
            <translation>결과를 JSON으로 저장…</translation>
        </message>
        <message>
            <source>Results with every run's history</source>
            <translation>모든 실행의 기록을 담은 결과</translation>
        </message>
        <message>
            <source>&amp;Compare</source>
            <translation>비교(&amp;C)</translation>
        </message>
        <message>
            <source>Race</source>
            <translation>경주</translation>
        </message>
        <message>
            <source>compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>Cannot compare: {exc}</source>
            <translation>비교할 수 없습니다: {exc}</translation>
        </message>
        <message>
            <source>Comparing {count} runs…</source>
            <translation>실행 {count}개 비교 중…</translation>
        </message>
        <message>
            <source>Save comparison results as {kind}</source>
            <translation>비교 결과를 {kind}(으)로 저장</translation>
        </message>
        <message>
            <source>Cannot write {path}: {reason}</source>
            <translation>{path}에 쓸 수 없습니다: {reason}</translation>
        </message>
        <message>
            <source>Stopping the comparison…</source>
            <translation>비교를 중지하는 중…</translation>
        </message>
        <message>
            <source>Nothing to save yet: run a comparison to the end (or stop it) first</source>
            <translation>아직 저장할 결과가 없습니다: 먼저 비교를 끝까지 실행하거나 중지하세요</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>{path}에 저장했습니다</translation>
        </message>
        <message>
            <source>: {leader} was leading</source>
            <translation>: {leader}이(가) 앞서고 있었습니다</translation>
        </message>
        <message>
            <source>: {leader} wins</source>
            <translation>: {leader} 승리</translation>
        </message>
        <message>
            <source>: every run diverged</source>
            <translation>: 모든 실행이 발산했습니다</translation>
        </message>
        <message>
            <source>Comparison stopped{outcome}</source>
            <translation>비교 중지됨{outcome}</translation>
        </message>
        <message>
            <source>Comparison finished{outcome}</source>
            <translation>비교 완료{outcome}</translation>
        </message>
        <message>
            <source>&lt;span style='color:#e5484d'&gt;Cannot compare: {message}&lt;/span&gt;</source>
            <translation>&lt;span style='color:#e5484d'&gt;비교할 수 없습니다: {message}&lt;/span&gt;</translation>
        </message>
        <message>
            <source>Cannot compare: {message}</source>
            <translation>비교할 수 없습니다: {message}</translation>
        </message>
    </context>
    <context>
        <name>CompareCurvesPanel</name>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>samples seen</source>
            <translation>본 샘플 수</translation>
        </message>
        <message>
            <source>Curves</source>
            <translation>곡선</translation>
        </message>
        <message>
            <source>log loss</source>
            <translation>로그 손실</translation>
        </message>
        <message>
            <source>x axis:</source>
            <translation>x축:</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>학습 손실</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>accuracy</source>
            <translation>정확도</translation>
        </message>
    </context>
    <context>
        <name>ComparePanel</name>
        <message>
            <source>Choose optimizers and press Start comparison.</source>
            <translation>옵티마이저를 고르고 '비교 시작'을 누르세요.</translation>
        </message>
        <message>
            <source>Save CSV…</source>
            <translation>CSV 저장…</translation>
        </message>
        <message>
            <source>Save JSON…</source>
            <translation>JSON 저장…</translation>
        </message>
        <message>
            <source>highest final validation accuracy, then lowest validation loss</source>
            <translation>최종 검증 정확도가 가장 높고, 같으면 검증 손실이 가장 낮은 것</translation>
        </message>
        <message>
            <source>lowest final validation loss</source>
            <translation>최종 검증 손실이 가장 낮은 것</translation>
        </message>
        <message>
            <source>{n} runs of different networks: the same initial weights wherever a layer keeps its name and shape, on the same samples in the same order.</source>
            <translation>신경망 {n}개를 실행합니다: 층의 이름과 형태가 같으면 초기 가중치도 같고, 같은 샘플을 같은 순서로 봅니다.</translation>
        </message>
        <message>
            <source>{count} runs from the same initial weights (training loss {initial_loss:.4f}) on the same batches.</source>
            <translation>같은 초기 가중치(학습 손실 {initial_loss:.4f})와 같은 배치로 실행 {count}개.</translation>
        </message>
    </context>
    <context>
        <name>CompareSetupPanel</name>
        <message>
            <source>Each optimizer once</source>
            <translation>옵티마이저마다 한 번</translation>
        </message>
        <message>
            <source>Sweep the learning rate</source>
            <translation>학습률 바꿔 보기</translation>
        </message>
        <message>
            <source>Sweep the batch size</source>
            <translation>배치 크기 바꿔 보기</translation>
        </message>
        <message>
            <source>Optimizers</source>
            <translation>옵티마이저</translation>
        </message>
        <message>
            <source>&lt;b&gt;Run&lt;/b&gt;</source>
            <translation>&lt;b&gt;실행&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Learning rate&lt;/b&gt;</source>
            <translation>&lt;b&gt;학습률&lt;/b&gt;</translation>
        </message>
        <message>
            <source>What differs between the runs: the optimizer, a training setting, or one layer's parameter or type (the rest of the network stays the same, with the same initial weights wherever it can)</source>
            <translation>실행마다 다른 것: 옵티마이저, 학습 설정, 또는 층 하나의 파라미터나 종류 (나머지 신경망은 그대로이고, 초기 가중치도 되도록 같습니다)</translation>
        </message>
        <message>
            <source>Comma-separated values; every checked optimizer runs once per value</source>
            <translation>쉼표로 구분한 값; 선택한 옵티마이저마다 값 하나당 한 번 실행합니다</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>제한 없음</translation>
        </message>
        <message>
            <source>Stop every run after this many mini-batch steps
Range: 0 (no limit) to 10,000,000 · default no limit</source>
            <translation>미니 배치 스텝을 이만큼 학습한 뒤 모든 실행을 멈춥니다
범위: 0 (제한 없음) ~ 10,000,000 · 기본값 제한 없음</translation>
        </message>
        <message>
            <source>off</source>
            <translation>끔</translation>
        </message>
        <message>
            <source>Count the steps each run needs to reach this validation accuracy
Range: 0 (off) to 1 · default 0.9</source>
            <translation>각 실행이 이 검증 정확도에 이르기까지 걸린 스텝 수를 셉니다
범위: 0 (끔) ~ 1 · 기본값 0.9</translation>
        </message>
        <message>
            <source>Runs</source>
            <translation>실행</translation>
        </message>
        <message>
            <source>Values</source>
            <translation>값</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Max steps</source>
            <translation>최대 스텝</translation>
        </message>
        <message>
            <source>Target accuracy</source>
            <translation>목표 정확도</translation>
        </message>
        <message>
            <source>Start comparison</source>
            <translation>비교 시작</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <source>Every run starts from the same weights and sees the same batches.</source>
            <translation>모든 실행은 같은 가중치에서 시작하고 같은 배치를 봅니다.</translation>
        </message>
        <message>
            <source>Sweep {name}</source>
            <translation>{name} 바꿔 보기</translation>
        </message>
        <message>
            <source>Every run sees the same batches and starts from the same weights wherever its layers have the same shapes; a layer whose shape the sweep changes starts from its own seeded weights.</source>
            <translation>모든 실행은 같은 배치를 보고, 층의 모양이 같은 곳에서는 같은 가중치에서 시작합니다. 스윕으로 모양이 바뀌는 층은 자신의 시드로 초기화한 가중치에서 시작합니다.</translation>
        </message>
    </context>
    <context>
        <name>ConceptCard</name>
        <message>
            <source>Opens in {view}  ›</source>
            <translation>{view} 화면에서 열기  ›</translation>
        </message>
    </context>
    <context>
        <name>ConceptsDialog</name>
        <message>
            <source>Concepts</source>
            <translation>개념</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <source>Each preset shows one idea; its description (About this preset) says what to try and what to look at. Hover a card to read it.</source>
            <translation>프리셋마다 한 가지 개념을 보여 줍니다. 설명('이 프리셋 정보')에 무엇을 해 보고 무엇을 볼지 적혀 있습니다. 카드 위에 마우스를 올려 읽어 보세요.</translation>
        </message>
        <message>
            <source>{count} small experiments, one deep-learning idea each. Click one to open it in the view it is made for.</source>
            <translation>작은 실험 {count}개, 하나에 딥러닝 개념 하나씩. 클릭하면 알맞은 화면에서 열립니다.</translation>
        </message>
    </context>
    <context>
        <name>ConfusionPanel</name>
        <message>
            <source>Confusion matrix</source>
            <translation>혼동 행렬</translation>
        </message>
        <message>
            <source>The confusion matrix is for classification: a GAN's discriminator tells real samples from generated ones, and the D and G view shows how well.</source>
            <translation>혼동 행렬은 분류를 위한 것입니다: GAN의 판별자는 진짜 샘플과 생성된 샘플을 구별하며, 얼마나 잘 구별하는지는 'D와 G' 보기에서 볼 수 있습니다.</translation>
        </message>
        <message>
            <source>The confusion matrix is for classification: this network predicts numbers.</source>
            <translation>혼동 행렬은 분류용입니다: 이 신경망은 수치를 예측합니다(회귀).</translation>
        </message>
        <message>
            <source>share of the true class</source>
            <translation>실제 클래스 중 비율</translation>
        </message>
        <message>
            <source>true class</source>
            <translation>실제 클래스</translation>
        </message>
        <message>
            <source>predicted class</source>
            <translation>예측 클래스</translation>
        </message>
        <message>
            <source>{k} classes: too many to write each count in its cell. Hover a cell for its count, or save the data as CSV (right-click).</source>
            <translation>클래스 {k}개: 칸마다 개수를 적기에는 너무 많습니다. 칸에 마우스를 올리면 개수가 보이고, 오른쪽 클릭으로 데이터를 CSV로 저장할 수 있습니다.</translation>
        </message>
        <message>
            <source>true {t}, predicted {p}: {n} of {total} ({share:.0%})</source>
            <translation>실제 {t}, 예측 {p}: {total}개 중 {n}개 ({share:.0%})</translation>
        </message>
    </context>
    <context>
        <name>Connect</name>
        <message>
            <source>Connect {src} to {dst}</source>
            <translation>{src}을(를) {dst}에 연결</translation>
        </message>
    </context>
    <context>
        <name>DataTools</name>
        <message>
            <source>Draw data</source>
            <translation>데이터 그리기</translation>
        </message>
        <message>
            <source>Add a class (the network's output must then fit it)</source>
            <translation>클래스 추가 (신경망의 출력도 맞춰야 합니다)</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <source>Remove every point (undo brings them back: Ctrl+Z)</source>
            <translation>모든 점 지우기 (Ctrl+Z로 되돌릴 수 있습니다)</translation>
        </message>
        <message>
            <source>Click or drag: add points
Right-click or drag: remove</source>
            <translation>클릭하거나 끌기: 점 추가
오른쪽 클릭하거나 끌기: 점 지우기</translation>
        </message>
        <message>
            <source>Inputs</source>
            <translation>입력</translation>
        </message>
        <message>
            <source>The features of the 2D points the network takes as its inputs</source>
            <translation>신경망이 입력으로 받는 2D 점의 특징</translation>
        </message>
        <message>
            <source>Feed {f} to the network</source>
            <translation>신경망에 {f} 넣기</translation>
        </message>
        <message>
            <source>Draw points of class {i} (key {k})</source>
            <translation>클래스 {i}의 점 그리기 (단축키 {k})</translation>
        </message>
    </context>
    <context>
        <name>DecisionBoundaryPanel</name>
        <message>
            <source>Decision boundary</source>
            <translation>결정 경계</translation>
        </message>
        <message>
            <source>The decision boundary is drawn over a plane: it needs data with two input features. This network's input has shape {shape_text}.</source>
            <translation>결정 경계는 평면 위에 그립니다: 입력 특성이 두 개인 데이터가 필요합니다. 이 신경망의 입력 형태는 {shape_text}입니다.</translation>
        </message>
        <message>
            <source>training data</source>
            <translation>학습 데이터</translation>
        </message>
        <message>
            <source>validation data</source>
            <translation>검증 데이터</translation>
        </message>
        <message>
            <source>Cannot show the data: {exc}</source>
            <translation>데이터를 보여 줄 수 없습니다: {exc}</translation>
        </message>
        <message>
            <source>Drawing needs class labels: this data is a regression target.</source>
            <translation>그리려면 클래스 레이블이 필요합니다: 이 데이터는 회귀 타깃입니다.</translation>
        </message>
        <message>
            <source>{n} points: {t} for training, {v} for validation</source>
            <translation>점 {n}개: 학습 {t}개, 검증 {v}개</translation>
        </message>
        <message>
            <source>P(class 1)</source>
            <translation>P(클래스 1)</translation>
        </message>
        <message>
            <source>prediction</source>
            <translation>예측값</translation>
        </message>
    </context>
    <context>
        <name>DigitPanel</name>
        <message>
            <source>Draw a digit</source>
            <translation>숫자 쓰기</translation>
        </message>
        <message>
            <source>How thick the pen writes (the whole drawing follows)</source>
            <translation>펜 굵기 (그린 것 전체가 따라 바뀝니다)</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <source>Wipe the pad (Delete)</source>
            <translation>패드를 지웁니다 (Del)</translation>
        </message>
        <message>
            <source>Sample</source>
            <translation>샘플</translation>
        </message>
        <message>
            <source>Put a validation image on the pad, a different one each time: compare your writing with the data's</source>
            <translation>검증 이미지를 패드에 올립니다 (매번 다른 것): 내 글씨와 데이터의 글씨를 비교해 보세요</translation>
        </message>
        <message>
            <source>Pen</source>
            <translation>펜</translation>
        </message>
        <message>
            <source>input</source>
            <translation>입력</translation>
        </message>
        <message>
            <source>feature maps</source>
            <translation>특성 맵</translation>
        </message>
        <message>
            <source>The drawing as the network sees it: scaled, centred and normalised like its training images</source>
            <translation>신경망이 보는 그림: 학습 이미지처럼 크기를 맞추고, 가운데로 옮기고, 정규화했습니다</translation>
        </message>
        <message>
            <source>class {k}: {p:.1%}</source>
            <translation>클래스 {k}: {p:.1%}</translation>
        </message>
        <message>
            <source>The network could not read the drawing: {error}</source>
            <translation>신경망이 그림을 읽지 못했습니다: {error}</translation>
        </message>
        <message>
            <source>&lt;b&gt;Train the network first (F5)&lt;/b&gt;&lt;br&gt;&lt;span style='color:{muted}'&gt;then write a digit on the pad: it reads every stroke.&lt;/span&gt;</source>
            <translation>&lt;b&gt;먼저 신경망을 학습시키세요 (F5)&lt;/b&gt;&lt;br&gt;&lt;span style='color:{muted}'&gt;그다음 패드에 숫자를 쓰면 획마다 읽습니다.&lt;/span&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Write a digit on the pad&lt;/b&gt;&lt;br&gt;&lt;span style='color:{muted}'&gt;or drop a PNG/JPEG image of one.&lt;/span&gt;</source>
            <translation>&lt;b&gt;패드에 숫자를 쓰세요&lt;/b&gt;&lt;br&gt;&lt;span style='color:{muted}'&gt;숫자 PNG/JPEG 이미지를 끌어 놓아도 됩니다.&lt;/span&gt;</translation>
        </message>
        <message>
            <source>&lt;span style='color:{muted}'&gt;The network reads&lt;/span&gt;&amp;nbsp; &lt;span style='font-size:20pt; font-weight:bold; color:{accent}'&gt;{digit}&lt;/span&gt;&amp;nbsp; &lt;span style='color:{muted}'&gt;{share}&amp;nbsp;sure&lt;/span&gt;</source>
            <translation>&lt;span style='color:{muted}'&gt;신경망의 예측&lt;/span&gt;&amp;nbsp; &lt;span style='font-size:20pt; font-weight:bold; color:{accent}'&gt;{digit}&lt;/span&gt;&amp;nbsp; &lt;span style='color:{muted}'&gt;확신도&amp;nbsp;{share}&lt;/span&gt;</translation>
        </message>
        <message>
            <source>&lt;br&gt;&lt;span style='color:{muted}'&gt;or a {other} ({other_share})&lt;/span&gt;</source>
            <translation>&lt;br&gt;&lt;span style='color:{muted}'&gt;또는 {other} ({other_share})&lt;/span&gt;</translation>
        </message>
        <message>
            <source>&lt;br&gt;&lt;span style='color:{muted}'&gt;a validation image labelled {label}&lt;/span&gt;</source>
            <translation>&lt;br&gt;&lt;span style='color:{muted}'&gt;레이블이 {label}인 검증 이미지&lt;/span&gt;</translation>
        </message>
        <message>
            <source>{layer} feature maps</source>
            <translation>{layer} 특성 맵</translation>
        </message>
        <message>
            <source>Drawing a digit needs a network that classifies 28x28 (MNIST) or 8x8 (digits) grey images: this network's input is {shape}.</source>
            <translation>숫자 쓰기는 28x28(MNIST)이나 8x8(digits) 흑백 이미지를 분류하는 신경망이 필요합니다: 이 신경망의 입력은 {shape}입니다.</translation>
        </message>
    </context>
    <context>
        <name>DrawingPad</name>
        <message>
            <source>Write a digit with the mouse, or drop a PNG/JPEG image here.
Backspace takes the last stroke back, Delete clears.</source>
            <translation>마우스로 숫자를 쓰거나 PNG/JPEG 이미지를 여기에 끌어 놓으세요.
Backspace: 마지막 획 지우기, Del: 모두 지우기.</translation>
        </message>
        <message>
            <source>“{name}” is not an image this pad can read (PNG, JPEG, BMP, GIF): your drawing is unchanged.</source>
            <translation>“{name}”은(는) 이 패드가 읽을 수 있는 이미지가 아닙니다 (PNG, JPEG, BMP, GIF): 그린 것은 그대로입니다.</translation>
        </message>
        <message>
            <source>Write a digit here
with the mouse

or drop an image</source>
            <translation>여기에 마우스로
숫자를 쓰세요

이미지를 끌어 놓아도 됩니다</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>Copied {count} node(s)</source>
            <translation>노드 {count}개를 복사했습니다</translation>
        </message>
        <message>
            <source>Nothing to paste: {exc}</source>
            <translation>붙여 넣을 것이 없습니다: {exc}</translation>
        </message>
        <message>
            <source>Paste</source>
            <translation>붙여넣기</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>복제</translation>
        </message>
        <message>
            <source>{text} {count} node(s)</source>
            <translation>노드 {count}개 {text}</translation>
        </message>
        <message>
            <source>Auto-layout</source>
            <translation>자동 배치</translation>
        </message>
    </context>
    <context>
        <name>EmbeddingPanel</name>
        <message>
            <source>Embeddings</source>
            <translation>임베딩</translation>
        </message>
        <message>
            <source>The embeddings view shows the word vectors an Embedding layer learns; this network has no Embedding. Open a word2vec concept preset to watch them.</source>
            <translation>임베딩 화면은 Embedding 층이 학습하는 단어 벡터를 보여 줍니다: 이 신경망에는 Embedding이 없습니다. word2vec 개념 프리셋을 열어 보세요.</translation>
        </message>
        <message>
            <source>Word:</source>
            <translation>단어:</translation>
        </message>
        <message>
            <source>Type or pick a word: its nearest neighbours by cosine similarity are listed and marked in the picture</source>
            <translation>단어를 입력하거나 고르세요: 코사인 유사도로 가장 가까운 단어들을 나열하고 그림에 표시합니다</translation>
        </message>
        <message>
            <source>'{word}' is not in the vocabulary</source>
            <translation>'{word}'은(는) 어휘에 없습니다</translation>
        </message>
        <message>
            <source>Nearest (cosine): {words}</source>
            <translation>가장 가까운 단어 (코사인): {words}</translation>
        </message>
        <message>
            <source>principal axis 1 ({share:.0%} of the variance)</source>
            <translation>주성분 1 (분산의 {share:.0%})</translation>
        </message>
        <message>
            <source>principal axis 2 ({share:.0%})</source>
            <translation>주성분 2 ({share:.0%})</translation>
        </message>
    </context>
    <context>
        <name>EngineThreadsMenu</name>
        <message>
            <source>Engine &amp;threads</source>
            <translation>엔진 스레드(&amp;T)</translation>
        </message>
        <message>
            <source>Processor cores for training. Automatic leaves one to the window so it stays smooth; small networks always run on one.</source>
            <translation>학습에 쓸 프로세서 코어 수. 자동은 창이 부드럽게 움직이도록 코어 하나를 남겨 둡니다. 작은 신경망은 항상 코어 하나로 학습합니다.</translation>
        </message>
        <message>
            <source>&amp;Automatic ({n} of {cores} cores)</source>
            <translation>자동(&amp;A) (코어 {cores}개 중 {n}개)</translation>
        </message>
        <message>
            <source>&amp;1 thread</source>
            <translation>스레드 &amp;1개</translation>
        </message>
        <message>
            <source>&amp;{n} threads</source>
            <translation>스레드 &amp;{n}개</translation>
        </message>
    </context>
    <context>
        <name>FeatureMapsPanel</name>
        <message>
            <source>Feature maps</source>
            <translation>특성 맵</translation>
        </message>
        <message>
            <source>Feature maps show image-shaped layer outputs (Conv2D, pooling): this network has none.</source>
            <translation>특성 맵은 이미지 모양의 층 출력(Conv2D, 풀링)을 보여 줍니다: 이 신경망에는 없습니다.</translation>
        </message>
        <message>
            <source>Layer:</source>
            <translation>층:</translation>
        </message>
        <message>
            <source>activation</source>
            <translation>활성화 값</translation>
        </message>
        <message>
            <source>Sample:</source>
            <translation>샘플:</translation>
        </message>
        <message>
            <source>Which validation sample to show (applies from the next update)</source>
            <translation>보여 줄 검증 샘플 (다음 갱신부터 적용)</translation>
        </message>
    </context>
    <context>
        <name>FileOps</name>
        <message>
            <source>{name} (template)</source>
            <translation>{name} (견본)</translation>
        </message>
        <message>
            <source>a new network</source>
            <translation>새 신경망</translation>
        </message>
        <message>
            <source>Cannot open preset</source>
            <translation>프리셋을 열 수 없습니다</translation>
        </message>
        <message>
            <source>Cannot save over a bundled preset</source>
            <translation>기본 제공 프리셋에는 덮어쓸 수 없습니다</translation>
        </message>
        <message>
            <source>{name} is one of the bundled presets, kept as a template. Save your version somewhere else, for example in {user_folder}.</source>
            <translation>{name}은(는) 견본으로 보관하는 기본 제공 프리셋입니다. 고친 버전은 다른 곳에 저장하세요. 예: {user_folder}</translation>
        </message>
        <message>
            <source>Cannot save preset</source>
            <translation>프리셋을 저장할 수 없습니다</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>{path}에 저장했습니다</translation>
        </message>
    </context>
    <context>
        <name>FiltersPanel</name>
        <message>
            <source>CNN filters</source>
            <translation>CNN 필터</translation>
        </message>
        <message>
            <source>This network has no Conv2D layer: add one to see the filters it learns.</source>
            <translation>이 신경망에는 Conv2D 층이 없습니다: 추가하면 학습하는 필터를 볼 수 있습니다.</translation>
        </message>
        <message>
            <source>Conv2D layer:</source>
            <translation>Conv2D 층:</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>가중치</translation>
        </message>
    </context>
    <context>
        <name>FunctionView</name>
        <message>
            <source>Loss against the prediction</source>
            <translation>예측값에 따른 손실</translation>
        </message>
        <message>
            <source>Function and derivative</source>
            <translation>함수와 도함수</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>dL/dp</source>
            <translation>dL/dp</translation>
        </message>
        <message>
            <source>prediction p</source>
            <translation>예측값 p</translation>
        </message>
        <message>
            <source>input x</source>
            <translation>입력 x</translation>
        </message>
        <message>
            <source>Cannot plot this node's function.</source>
            <translation>이 노드의 함수는 그릴 수 없습니다.</translation>
        </message>
        <message>
            <source>f(x)</source>
            <translation>f(x)</translation>
        </message>
        <message>
            <source>f′(x)</source>
            <translation>f′(x)</translation>
        </message>
        <message>
            <source>max f′ = {v:.3g} at x = {x:.2g}</source>
            <translation>최대 f′ = {v:.3g} (x = {x:.2g})</translation>
        </message>
        <message>
            <source>target {y}</source>
            <translation>실제값 {y}</translation>
        </message>
        <message>
            <source>Solid: the loss of one prediction p for target 0 (orange) and 1 (blue); dashed: its gradient, which training follows. </source>
            <translation>실선: 실제값 0(주황)과 1(파랑)에 대한 예측값 p 하나의 손실. 점선: 그 기울기, 학습은 이 기울기를 따라갑니다. </translation>
        </message>
        <message>
            <source>This loss takes one output per class: p is class 1's of [1 − p, p].</source>
            <translation>이 손실은 클래스마다 출력을 하나씩 받습니다: p는 [1 − p, p] 중 클래스 1의 값입니다.</translation>
        </message>
        <message>
            <source>From the node's own forward and backward pass.</source>
            <translation>노드 자신의 순전파와 역전파로 계산했습니다.</translation>
        </message>
        <message>
            <source>in the last training snapshot</source>
            <translation>마지막 학습 스냅샷에서</translation>
        </message>
        <message>
            <source>on the validation data</source>
            <translation>검증 데이터에서</translation>
        </message>
        <message>
            <source>Shaded: the inputs this layer gets {source}, {lo:.2f} to {hi:.2f}.</source>
            <translation>음영: 이 층이 {source} 받는 입력, {lo:.2f} ~ {hi:.2f}.</translation>
        </message>
    </context>
    <context>
        <name>GANCurvesPanel</name>
        <message>
            <source>D and G</source>
            <translation>D와 G</translation>
        </message>
        <message>
            <source>These curves follow a generator against a discriminator: open a GAN preset such as gan_ring.</source>
            <translation>이 곡선은 판별자와 겨루는 생성자를 따라갑니다: gan_ring 같은 GAN 프리셋을 여세요.</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>D accuracy</source>
            <translation>D 정확도</translation>
        </message>
        <message>
            <source>step</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>D loss</source>
            <translation>D 손실</translation>
        </message>
        <message>
            <source>G loss</source>
            <translation>G 손실</translation>
        </message>
        <message>
            <source>D on real</source>
            <translation>D(진짜)</translation>
        </message>
        <message>
            <source>D on fake</source>
            <translation>D(가짜)</translation>
        </message>
    </context>
    <context>
        <name>GANImagesPanel</name>
        <message>
            <source>GAN images</source>
            <translation>GAN 이미지</translation>
        </message>
        <message>
            <source>This view shows the images a generator draws: open a GAN preset such as concept_gan_digits.</source>
            <translation>이 보기는 생성자가 그리는 이미지를 보여 줍니다: concept_gan_digits 같은 GAN 프리셋을 여세요.</translation>
        </message>
        <message>
            <source>This view shows generated images: the real samples must be square grey images given as one row of pixels (64 for 8x8). These have shape {shape}.</source>
            <translation>이 보기는 생성된 이미지를 보여 줍니다: 진짜 샘플은 한 줄의 픽셀로 된 정사각형 회색 이미지여야 합니다(8x8이면 64). 이 샘플의 모양은 {shape}입니다.</translation>
        </message>
        <message>
            <source>generated (fixed noise)</source>
            <translation>생성된 이미지 (고정된 잡음)</translation>
        </message>
        <message>
            <source>G(z)</source>
            <translation>G(z)</translation>
        </message>
        <message>
            <source>real</source>
            <translation>진짜</translation>
        </message>
        <message>
            <source>pixel value</source>
            <translation>픽셀 값</translation>
        </message>
        <message>
            <source>distance to real: {d:.2f}</source>
            <translation>진짜와의 거리: {d:.2f}</translation>
        </message>
        <message>
            <source>real pixels</source>
            <translation>진짜 픽셀</translation>
        </message>
        <message>
            <source>generated pixels</source>
            <translation>생성된 픽셀</translation>
        </message>
    </context>
    <context>
        <name>GANPanel</name>
        <message>
            <source>GAN</source>
            <translation>GAN</translation>
        </message>
        <message>
            <source>This view shows a generator against a discriminator: open a GAN preset such as gan_ring.</source>
            <translation>이 보기는 판별자와 겨루는 생성자를 보여 줍니다: gan_ring 같은 GAN 프리셋을 여세요.</translation>
        </message>
        <message>
            <source>This view draws a GAN on 2D points; this one makes samples of shape {shape}: its images are in the GAN images tab.</source>
            <translation>이 보기는 2D 점의 GAN을 그립니다. 이 GAN은 모양이 {shape}인 샘플을 만듭니다: 그 이미지는 GAN 이미지 탭에 있습니다.</translation>
        </message>
        <message>
            <source>generated</source>
            <translation>생성된 샘플</translation>
        </message>
        <message>
            <source>where G pushes</source>
            <translation>G가 미는 방향</translation>
        </message>
        <message>
            <source>modes covered: {n} of {m}</source>
            <translation>다룬 모드: {m}개 중 {n}개</translation>
        </message>
        <message>
            <source>D: P(real)</source>
            <translation>D: P(진짜)</translation>
        </message>
    </context>
    <context>
        <name>GANStepActions</name>
        <message>
            <source>Step &amp;discriminator</source>
            <translation>판별자 한 스텝(&amp;D)</translation>
        </message>
        <message>
            <source>Train only the discriminator, one step, then pause (Shift+F10)</source>
            <translation>판별자만 한 스텝 학습하고 일시 정지합니다 (Shift+F10)</translation>
        </message>
        <message>
            <source>Step &amp;generator</source>
            <translation>생성자 한 스텝(&amp;G)</translation>
        </message>
        <message>
            <source>Train only the generator, one step, then pause (Ctrl+F10)</source>
            <translation>생성자만 한 스텝 학습하고 일시 정지합니다 (Ctrl+F10)</translation>
        </message>
    </context>
    <context>
        <name>GatesPanel</name>
        <message>
            <source>Gates</source>
            <translation>게이트</translation>
        </message>
        <message>
            <source>Gates belong to LSTM and GRU layers: this network has none.</source>
            <translation>게이트는 LSTM과 GRU 층에 있습니다: 이 신경망에는 없습니다.</translation>
        </message>
        <message>
            <source>state</source>
            <translation>상태</translation>
        </message>
        <message>
            <source>open</source>
            <translation>열림</translation>
        </message>
        <message>
            <source>input gate: write</source>
            <translation>입력 게이트: 쓰기</translation>
        </message>
        <message>
            <source>forget gate: keep</source>
            <translation>망각 게이트: 유지</translation>
        </message>
        <message>
            <source>output gate: read</source>
            <translation>출력 게이트: 읽기</translation>
        </message>
        <message>
            <source>cell state (memory)</source>
            <translation>셀 상태 (메모리)</translation>
        </message>
        <message>
            <source>update gate: keep old</source>
            <translation>업데이트 게이트: 이전 값 유지</translation>
        </message>
        <message>
            <source>reset gate</source>
            <translation>리셋 게이트</translation>
        </message>
        <message>
            <source>hidden state</source>
            <translation>은닉 상태</translation>
        </message>
    </context>
    <context>
        <name>GradientNormPanel</name>
        <message>
            <source>Gradient norms</source>
            <translation>기울기 노름</translation>
        </message>
        <message>
            <source>step</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>‖gradient‖ (log scale)</source>
            <translation>‖기울기‖ (로그 눈금)</translation>
        </message>
    </context>
    <context>
        <name>GraphScene</name>
        <message>
            <source>{count} classes</source>
            <translation>클래스 {count}개</translation>
        </message>
        <message>
            <source>targets</source>
            <translation>타깃(실제값)</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>outputs</source>
            <translation>출력</translation>
        </message>
        <message>
            <source>inputs</source>
            <translation>입력</translation>
        </message>
        <message>
            <source>Cannot connect two {side}: drag from an output to an input</source>
            <translation>{side}끼리는 연결할 수 없습니다: 출력에서 입력으로 끌어 놓으세요</translation>
        </message>
        <message>
            <source>Cannot connect: {problem}</source>
            <translation>연결할 수 없습니다: {problem}</translation>
        </message>
        <message>
            <source>Move {nodes}</source>
            <translation>{nodes} 이동</translation>
        </message>
    </context>
    <context>
        <name>GraphicsScene</name>
        <message>
            <source>Export...</source>
            <translation>내보내기...</translation>
        </message>
    </context>
    <context>
        <name>HelpMenu</name>
        <message>
            <source>&amp;Getting started</source>
            <translation>시작하기</translation>
        </message>
        <message>
            <source>A short tour of the window</source>
            <translation>창을 짧게 둘러봅니다</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts…</source>
            <translation>단축키…</translation>
        </message>
        <message>
            <source>Every shortcut, read from the menus</source>
            <translation>메뉴에서 읽어 온 모든 단축키</translation>
        </message>
        <message>
            <source>&amp;Concepts…</source>
            <translation>개념…</translation>
        </message>
        <message>
            <source>Small experiments, one deep-learning idea each</source>
            <translation>작은 실험들, 하나에 딥러닝 개념 하나씩</translation>
        </message>
        <message>
            <source>&amp;About NN Playground</source>
            <translation>NN Playground 정보</translation>
        </message>
        <message>
            <source>Version, licences, libraries and data sources</source>
            <translation>버전, 라이선스, 라이브러리, 데이터 출처</translation>
        </message>
    </context>
    <context>
        <name>HiddenStatePanel</name>
        <message>
            <source>Hidden state</source>
            <translation>은닉 상태</translation>
        </message>
        <message>
            <source>The hidden-state view is for recurrent layers (SimpleRNN, LSTM, GRU): this network has none.</source>
            <translation>은닉 상태 화면은 순환 층(SimpleRNN, LSTM, GRU)을 위한 것입니다: 이 신경망에는 없습니다.</translation>
        </message>
        <message>
            <source>hidden state</source>
            <translation>은닉 상태</translation>
        </message>
        <message>
            <source>input</source>
            <translation>입력</translation>
        </message>
        <message>
            <source>feature</source>
            <translation>특징</translation>
        </message>
        <message>
            <source>time step</source>
            <translation>타임 스텝</translation>
        </message>
        <message>
            <source>unit</source>
            <translation>유닛</translation>
        </message>
        <message>
            <source>activation</source>
            <translation>활성화 값</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <source>{count} nodes selected</source>
            <translation>노드 {count}개 선택됨</translation>
        </message>
        <message>
            <source>&lt;i&gt;no parameters&lt;/i&gt;</source>
            <translation>&lt;i&gt;파라미터 없음&lt;/i&gt;</translation>
        </message>
        <message>
            <source>Graph</source>
            <translation>그래프</translation>
        </message>
        <message>
            <source>Select a node to edit its parameters; drag node types from the palette onto the canvas and wire output ports to input ports.</source>
            <translation>노드를 선택하면 파라미터를 고칠 수 있습니다. 팔레트에서 노드를 캔버스로 끌어 놓고, 출력 포트를 입력 포트에 연결하세요.</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>제목</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>이름</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>설명</translation>
        </message>
        <message>
            <source>Output shape: &lt;b&gt;{shape}&lt;/b&gt;</source>
            <translation>출력 형태: &lt;b&gt;{shape}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Parameters: &lt;b&gt;{count:,}&lt;/b&gt;</source>
            <translation>파라미터: &lt;b&gt;{count:,}&lt;/b&gt;개</translation>
        </message>
        <message>
            <source>{nodes} nodes, {params:,} parameters</source>
            <translation>노드 {nodes}개, 파라미터 {params:,}개</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>&amp;Language</source>
            <translation>언어 (Language)</translation>
        </message>
        <message>
            <source>Language: {name}. Texts with numbers change at their next update; restart the app to see every text in it.</source>
            <translation>언어: {name}. 숫자가 들어간 문구는 다음 갱신 때 바뀝니다. 모든 문구를 바꾸려면 앱을 다시 시작하세요.</translation>
        </message>
    </context>
    <context>
        <name>LossPanel</name>
        <message>
            <source>Loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>regularisation</source>
            <translation>규제</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Nodes</source>
            <translation>노드</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>인스펙터</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Layout reset: every view starts from its default docks</source>
            <translation>배치 초기화: 모든 화면이 기본 패널 배치로 돌아갑니다</translation>
        </message>
        <message>
            <source>✔ valid graph</source>
            <translation>✔ 올바른 그래프</translation>
        </message>
        <message>
            <source>⚠ 1 problem: {message}</source>
            <translation>⚠ 문제 1개: {message}</translation>
        </message>
        <message>
            <source>⚠ {count} problems: {message}</source>
            <translation>⚠ 문제 {count}개: {message}</translation>
        </message>
        <message>
            <source>{count:,} parameters</source>
            <translation>파라미터 {count:,}개</translation>
        </message>
        <message>
            <source>Delete wire</source>
            <translation>연결선 삭제</translation>
        </message>
        <message>
            <source>Add node</source>
            <translation>노드 추가</translation>
        </message>
    </context>
    <context>
        <name>ModelFiles</name>
        <message>
            <source>Load &amp;weights…</source>
            <translation>가중치 불러오기…</translation>
        </message>
        <message>
            <source>Save w&amp;eights…</source>
            <translation>가중치 저장…</translation>
        </message>
        <message>
            <source>E&amp;xport</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <source>&amp;PyTorch project…</source>
            <translation>PyTorch 프로젝트…</translation>
        </message>
        <message>
            <source>Graph as P&amp;NG…</source>
            <translation>그래프를 PNG로…</translation>
        </message>
        <message>
            <source>Graph as &amp;SVG…</source>
            <translation>그래프를 SVG로…</translation>
        </message>
        <message>
            <source>Stop training first</source>
            <translation>먼저 학습을 중지하세요</translation>
        </message>
        <message>
            <source>The graph has problems</source>
            <translation>그래프에 문제가 있습니다</translation>
        </message>
        <message>
            <source>Save weights</source>
            <translation>가중치 저장</translation>
        </message>
        <message>
            <source>Weights (*.npz)</source>
            <translation>가중치 (*.npz)</translation>
        </message>
        <message>
            <source>Cannot save weights</source>
            <translation>가중치를 저장할 수 없습니다</translation>
        </message>
        <message>
            <source>Saved weights to {path}</source>
            <translation>가중치를 {path}에 저장했습니다</translation>
        </message>
        <message>
            <source>Load weights</source>
            <translation>가중치 불러오기</translation>
        </message>
        <message>
            <source>Weights do not fit this graph</source>
            <translation>가중치가 이 그래프에 맞지 않습니다</translation>
        </message>
        <message>
            <source>Loaded weights from {name}; Train continues from them</source>
            <translation>{name}에서 가중치를 불러왔습니다. 학습은 이 가중치에서 이어집니다</translation>
        </message>
        <message>
            <source>Export PyTorch project: choose or create a folder</source>
            <translation>PyTorch 프로젝트 내보내기: 폴더를 고르거나 만드세요</translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>내보낼 수 없습니다</translation>
        </message>
        <message>
            <source>Exported to {folder}: run python train.py there (its README.md covers GPUs and clusters)</source>
            <translation>{folder}(으)로 내보냈습니다: 그 폴더에서 python train.py를 실행하세요 (GPU와 클러스터는 README.md 참고)</translation>
        </message>
        <message>
            <source>Export graph as {kind}</source>
            <translation>그래프를 {kind}(으)로 내보내기</translation>
        </message>
        <message>
            <source>cannot write {path}</source>
            <translation>{path}에 쓸 수 없습니다</translation>
        </message>
        <message>
            <source>Exported the graph to {path}</source>
            <translation>그래프를 {path}(으)로 내보냈습니다</translation>
        </message>
    </context>
    <context>
        <name>NeuronPanel</name>
        <message>
            <source>Neurons</source>
            <translation>뉴런</translation>
        </message>
        <message>
            <source>Squares: each unit's output over the input plane. Lines: weights (blue positive, orange negative, thicker is larger). Hover for values; click a unit to enlarge it.</source>
            <translation>사각형: 입력 평면 위에서 본 각 유닛의 출력. 선: 가중치 (파랑 양수, 주황 음수, 굵을수록 큼). 마우스를 올리면 값이 보이고, 유닛을 클릭하면 크게 볼 수 있습니다.</translation>
        </message>
        <message>
            <source>← Network</source>
            <translation>← 신경망</translation>
        </message>
        <message>
            <source>Back to every unit (Esc)</source>
            <translation>모든 유닛으로 돌아가기 (Esc)</translation>
        </message>
        <message>
            <source>output</source>
            <translation>출력</translation>
        </message>
        <message>
            <source>output {lo:.3g} to {hi:.3g}</source>
            <translation>출력 {lo:.3g} ~ {hi:.3g}</translation>
        </message>
        <message>
            <source>bias {b:.3g}</source>
            <translation>편향 {b:.3g}</translation>
        </message>
        <message>
            <source>+{n} more</source>
            <translation>+{n}개 더</translation>
        </message>
        <message>
            <source>inputs</source>
            <translation>입력</translation>
        </message>
        <message>
            <source>input x{i}</source>
            <translation>입력 x{i}</translation>
        </message>
        <message>
            <source>{layer} · unit {i} · {kind}</source>
            <translation>{layer} · 유닛 {i} · {kind}</translation>
        </message>
        <message>
            <source>output over the plane: {lo:.3g} to {hi:.3g}</source>
            <translation>평면 위의 출력: {lo:.3g} ~ {hi:.3g}</translation>
        </message>
        <message>
            <source>bias: {b:.4g}</source>
            <translation>편향: {b:.4g}</translation>
        </message>
        <message>
            <source>incoming weights: {lo:.3g} to {hi:.3g}</source>
            <translation>들어오는 가중치: {lo:.3g} ~ {hi:.3g}</translation>
        </message>
        <message>
            <source>from {a}</source>
            <translation>{a}에서</translation>
        </message>
        <message>
            <source>to {b}</source>
            <translation>{b}(으)로</translation>
        </message>
    </context>
    <context>
        <name>NodeItem</name>
        <message>
            <source>{count:,} params</source>
            <translation>파라미터 {count:,}개</translation>
        </message>
        <message>
            <source>unknown node type {type!r}</source>
            <translation>알 수 없는 노드 종류 {type!r}</translation>
        </message>
    </context>
    <context>
        <name>Palette</name>
        <message>
            <source>Search nodes…</source>
            <translation>노드 검색…</translation>
        </message>
    </context>
    <context>
        <name>PlotItem</name>
        <message>
            <source>Transforms</source>
            <translation>변환</translation>
        </message>
        <message>
            <source>Downsample</source>
            <translation>다운샘플링</translation>
        </message>
        <message>
            <source>Average</source>
            <translation>평균</translation>
        </message>
        <message>
            <source>Alpha</source>
            <translation>투명도</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>격자</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>점</translation>
        </message>
        <message>
            <source>Plot Options</source>
            <translation>그래프 옵션</translation>
        </message>
    </context>
    <context>
        <name>PlotPanel</name>
        <message>
            <source>Save as PNG...</source>
            <translation>PNG로 저장...</translation>
        </message>
        <message>
            <source>Save data as CSV...</source>
            <translation>데이터를 CSV로 저장...</translation>
        </message>
        <message>
            <source>Save {title} as PNG</source>
            <translation>{title}을(를) PNG로 저장</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <source>Save {title} data as CSV</source>
            <translation>{title} 데이터를 CSV로 저장</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>PointEditor</name>
        <message>
            <source>Add a point</source>
            <translation>점 추가</translation>
        </message>
        <message>
            <source>Remove a point</source>
            <translation>점 삭제</translation>
        </message>
        <message>
            <source>Erase points</source>
            <translation>점 지우기</translation>
        </message>
        <message>
            <source>Add a class</source>
            <translation>클래스 추가</translation>
        </message>
        <message>
            <source>Clear the points</source>
            <translation>점 모두 지우기</translation>
        </message>
        <message>
            <source>Paint {n} points</source>
            <translation>점 {n}개 그리기</translation>
        </message>
    </context>
    <context>
        <name>PointsEditor</name>
        <message>
            <source>{n} points · draw them in the Decision boundary view</source>
            <translation>점 {n}개 · 결정 경계 화면에서 그리세요</translation>
        </message>
    </context>
    <context>
        <name>PortItem</name>
        <message>
            <source> (takes several wires)</source>
            <translation> (연결선 여러 개 가능)</translation>
        </message>
    </context>
    <context>
        <name>PresetLibrary</name>
        <message>
            <source>Reference presets</source>
            <translation>기본 프리셋</translation>
        </message>
        <message>
            <source>Concepts</source>
            <translation>개념</translation>
        </message>
        <message>
            <source>Editor</source>
            <translation>편집기</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>Preset library</source>
            <translation>프리셋 라이브러리</translation>
        </message>
        <message>
            <source>Search titles and descriptions</source>
            <translation>제목과 설명 검색</translation>
        </message>
        <message>
            <source>&lt;p style='color:#8a93a3'&gt;No preset matches the search.&lt;/p&gt;</source>
            <translation>&lt;p style='color:#8a93a3'&gt;검색과 일치하는 프리셋이 없습니다.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;h3&gt;{title}&lt;/h3&gt;&lt;p&gt;{description}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Opens in:&lt;/b&gt; {view} view&lt;/p&gt;</source>
            <translation>&lt;h3&gt;{title}&lt;/h3&gt;&lt;p&gt;{description}&lt;/p&gt;&lt;p&gt;&lt;b&gt;여는 화면:&lt;/b&gt; {view}&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Compares:&lt;/b&gt; {summary}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;비교:&lt;/b&gt; {summary}&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>RacePanel</name>
        <message>
            <source>Surface</source>
            <translation>곡면</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>Optimizers</source>
            <translation>옵티마이저</translation>
        </message>
        <message>
            <source>Same learning rate for all</source>
            <translation>모두 같은 학습률</translation>
        </message>
        <message>
            <source>Off: each optimizer uses a learning rate chosen for this surface</source>
            <translation>끄면 옵티마이저마다 이 곡면에 맞게 고른 학습률을 씁니다</translation>
        </message>
        <message>
            <source>Replay</source>
            <translation>다시 보기</translation>
        </message>
        <message>
            <source>Default start</source>
            <translation>기본 시작점</translation>
        </message>
        <message>
            <source>Start: ({x:.3g}, {y:.3g}). Click the plot to start elsewhere.</source>
            <translation>시작점: ({x:.3g}, {y:.3g}). 그래프를 클릭하면 다른 곳에서 시작합니다.</translation>
        </message>
        <message>
            <source>{label}: settled at step {step}, f = {value:.3g}</source>
            <translation>{label}: {step} 스텝에서 멈춤, f = {value:.3g}</translation>
        </message>
        <message>
            <source>{label}: f = {value:.3g} at the end</source>
            <translation>{label}: 마지막 f = {value:.3g}</translation>
        </message>
        <message>
            <source>Cannot race: {message}</source>
            <translation>경주할 수 없습니다: {message}</translation>
        </message>
        <message>
            <source>{label}: diverged</source>
            <translation>{label}: 발산</translation>
        </message>
    </context>
    <context>
        <name>RemoveItems</name>
        <message>
            <source>Delete wire</source>
            <translation>연결선 삭제</translation>
        </message>
        <message>
            <source>Delete 1 node</source>
            <translation>노드 1개 삭제</translation>
        </message>
        <message>
            <source>Delete {count} nodes</source>
            <translation>노드 {count}개 삭제</translation>
        </message>
    </context>
    <context>
        <name>ResultsTable</name>
        <message>
            <source>Run</source>
            <translation>실행</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>배치</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>Val loss</source>
            <translation>검증 손실</translation>
        </message>
        <message>
            <source>Best val loss</source>
            <translation>최저 검증 손실</translation>
        </message>
        <message>
            <source>Val acc</source>
            <translation>검증 정확도</translation>
        </message>
        <message>
            <source>Best val acc</source>
            <translation>최고 검증 정확도</translation>
        </message>
        <message>
            <source>Steps to {target}</source>
            <translation>{target}까지 스텝</translation>
        </message>
        <message>
            <source>Samples/s</source>
            <translation>샘플/초</translation>
        </message>
        <message>
            <source>target</source>
            <translation>목표</translation>
        </message>
    </context>
    <context>
        <name>RunCoordinator</name>
        <message>
            <source>{stop_hint} before {doing}: one run at a time</source>
            <translation>{doing} 전에 {stop_hint}: 한 번에 하나만 실행할 수 있습니다</translation>
        </message>
        <message>
            <source>Cannot {verb}: {problem}</source>
            <translation>{verb}할 수 없습니다: {problem}</translation>
        </message>
    </context>
    <context>
        <name>SamplePredictionsPanel</name>
        <message>
            <source>Sample predictions</source>
            <translation>샘플 예측</translation>
        </message>
        <message>
            <source>Sample predictions are shown for image data: this network's input has shape {shape_text}.</source>
            <translation>샘플 예측은 이미지 데이터에만 보입니다: 이 신경망의 입력 형태는 {shape_text}입니다.</translation>
        </message>
        <message>
            <source>true → predicted · wrong ones in red</source>
            <translation>실제값 → 예측값 · 틀린 것은 빨간색</translation>
        </message>
    </context>
    <context>
        <name>SetMeta</name>
        <message>
            <source>Set {key}</source>
            <translation>{key} 설정</translation>
        </message>
    </context>
    <context>
        <name>SetParam</name>
        <message>
            <source>Set {node_id}.{name}</source>
            <translation>{node_id}.{name} 설정</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Other</source>
            <translation>기타</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>단축키</translation>
        </message>
        <message>
            <source>Search actions or keys</source>
            <translation>동작이나 키 검색</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <source>Read from the menus, so it always matches what the keys do.</source>
            <translation>메뉴에서 읽어 오므로 키가 하는 일과 늘 일치합니다.</translation>
        </message>
    </context>
    <context>
        <name>SinePanel</name>
        <message>
            <source>Sine continuation</source>
            <translation>사인파 이어 그리기</translation>
        </message>
        <message>
            <source>The sine view is for networks that predict the next value of a wave (the sine data).</source>
            <translation>사인파 화면은 파동의 다음 값을 예측하는 신경망(sine 데이터)을 위한 것입니다.</translation>
        </message>
        <message>
            <source>time step</source>
            <translation>타임 스텝</translation>
        </message>
        <message>
            <source>value</source>
            <translation>값</translation>
        </message>
        <message>
            <source>what the network sees</source>
            <translation>신경망이 보는 부분</translation>
        </message>
        <message>
            <source>true continuation</source>
            <translation>실제 다음 값</translation>
        </message>
        <message>
            <source>generated (its predictions fed back)</source>
            <translation>생성한 값 (예측값을 다시 입력으로 넣음)</translation>
        </message>
    </context>
    <context>
        <name>SpeedControl</name>
        <message>
            <source>Training speed: at most this many steps (mini-batches) per second. Slow it down to watch the network learn; Max trains as fast as the computer can.</source>
            <translation>학습 속도: 초당 최대 스텝(미니 배치) 수. 느리게 하면 신경망이 배우는 모습을 지켜볼 수 있고, 최대는 컴퓨터가 낼 수 있는 가장 빠른 속도로 학습합니다.</translation>
        </message>
        <message>
            <source>Training speed</source>
            <translation>학습 속도</translation>
        </message>
        <message>
            <source>Spee&amp;d</source>
            <translation>속도</translation>
        </message>
    </context>
    <context>
        <name>ThemeMenu</name>
        <message>
            <source>&amp;Theme</source>
            <translation>테마</translation>
        </message>
        <message>
            <source>Use the {name} theme for the window, canvas and plots</source>
            <translation>창, 캔버스, 그래프에 {name} 테마를 씁니다</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>어두운 테마</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>밝은 테마</translation>
        </message>
    </context>
    <context>
        <name>TrainingController</name>
        <message>
            <source>Ready to train (F5)</source>
            <translation>학습 준비 완료 (F5)</translation>
        </message>
        <message>
            <source>Fix the problems to train</source>
            <translation>학습하려면 문제를 고치세요</translation>
        </message>
        <message>
            <source>Stop training (Shift+F5)</source>
            <translation>학습 중지 (Shift+F5)</translation>
        </message>
        <message>
            <source>training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Train (F5) to watch this view fill in as the network learns.</source>
            <translation>학습(F5)을 시작하면 신경망이 배우는 동안 이 화면이 채워집니다.</translation>
        </message>
        <message>
            <source>&amp;Train</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Start or continue training (F5)</source>
            <translation>학습 시작 또는 계속 (F5)</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>일시 정지</translation>
        </message>
        <message>
            <source>Pause or resume training (F6)</source>
            <translation>학습 일시 정지 또는 재개 (F6)</translation>
        </message>
        <message>
            <source>&amp;Step</source>
            <translation>한 스텝</translation>
        </message>
        <message>
            <source>Train exactly one mini-batch (F10)</source>
            <translation>미니 배치 하나만 학습 (F10)</translation>
        </message>
        <message>
            <source>St&amp;op</source>
            <translation>중지</translation>
        </message>
        <message>
            <source>&amp;Reset weights</source>
            <translation>가중치 초기화</translation>
        </message>
        <message>
            <source>Re-initialise every weight from the optimizer's seed</source>
            <translation>옵티마이저의 시드로 모든 가중치를 다시 초기화합니다</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>학습(&amp;T)</translation>
        </message>
        <message>
            <source>Engine threads: {n}</source>
            <translation>엔진 스레드: {n}</translation>
        </message>
        <message>
            <source>Training speed: {speed_label}</source>
            <translation>학습 속도: {speed_label}</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>메시지</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>닫기</translation>
        </message>
        <message>
            <source>Training curves</source>
            <translation>학습 곡선</translation>
        </message>
        <message>
            <source>Network views</source>
            <translation>신경망 보기</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>재개</translation>
        </message>
        <message>
            <source>train</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Paused: F6 resumes, F10 steps one batch</source>
            <translation>일시 정지됨: F6 재개, F10 배치 하나 학습</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>학습 중</translation>
        </message>
        <message>
            <source>Stopping...</source>
            <translation>중지하는 중...</translation>
        </message>
        <message>
            <source>Stop training before resetting the weights</source>
            <translation>가중치를 초기화하기 전에 학습을 중지하세요</translation>
        </message>
        <message>
            <source>Weights will be re-initialised when training starts</source>
            <translation>학습을 시작하면 가중치가 다시 초기화됩니다</translation>
        </message>
        <message>
            <source>{first}{rest}: train (F5) when it ends</source>
            <translation>{first}{rest}: 끝나면 학습(F5)하세요</translation>
        </message>
        <message>
            <source>epoch {epoch}/{epochs} · step {step:,}/{total_steps:,}</source>
            <translation>에포크 {epoch}/{epochs} · 스텝 {step:,}/{total_steps:,}</translation>
        </message>
        <message>
            <source>Drag layers from the palette to build a network</source>
            <translation>팔레트에서 층을 끌어 놓아 신경망을 만드세요</translation>
        </message>
        <message>
            <source>Training failed: see the message above the canvas</source>
            <translation>학습 실패: 캔버스 위의 메시지를 보세요</translation>
        </message>
        <message>
            <source>Edit undone: stop training (Shift+F5) before changing the network</source>
            <translation>편집을 되돌렸습니다: 신경망을 바꾸기 전에 학습을 중지(Shift+F5)하세요</translation>
        </message>
        <message>
            <source> · ETA {duration} · {samples_per_second:,.0f} samples/s</source>
            <translation> · 남은 시간 {duration} · 초당 샘플 {samples_per_second:,.0f}개</translation>
        </message>
        <message>
            <source> · paused</source>
            <translation> · 일시 정지됨</translation>
        </message>
        <message>
            <source>Training {message}.</source>
            <translation>학습이 {message}.</translation>
        </message>
        <message>
            <source>Training failed: {message}</source>
            <translation>학습 실패: {message}</translation>
        </message>
    </context>
    <context>
        <name>TrainingWorker</name>
        <message>
            <source>Preparing data and {first_step_note}…</source>
            <translation>데이터 준비 및 {first_step_note}…</translation>
        </message>
    </context>
    <context>
        <name>ViewBox</name>
        <message>
            <source>ViewBox options</source>
            <translation>보기 옵션</translation>
        </message>
        <message>
            <source>View All</source>
            <translation>전체 보기</translation>
        </message>
        <message>
            <source>Mouse Mode</source>
            <translation>마우스 모드</translation>
        </message>
        <message>
            <source>3 button</source>
            <translation>버튼 3개</translation>
        </message>
        <message>
            <source>1 button</source>
            <translation>버튼 1개</translation>
        </message>
        <message>
            <source>axis</source>
            <translation>축</translation>
        </message>
    </context>
    <context>
        <name>WeightHistogramPanel</name>
        <message>
            <source>Weights</source>
            <translation>가중치</translation>
        </message>
        <message>
            <source>Layer:</source>
            <translation>층:</translation>
        </message>
        <message>
            <source>Which layer's weights to show</source>
            <translation>가중치를 볼 층</translation>
        </message>
        <message>
            <source>Weight histogram</source>
            <translation>가중치 히스토그램</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>가중치</translation>
        </message>
        <message>
            <source>count</source>
            <translation>개수</translation>
        </message>
        <message>
            <source>Histogram over time (one row per snapshot)</source>
            <translation>시간에 따른 히스토그램 (스냅샷마다 한 행)</translation>
        </message>
        <message>
            <source>step</source>
            <translation>스텝</translation>
        </message>
    </context>
    <context>
        <name>_Card</name>
        <message>
            <source>Skip tour</source>
            <translation>둘러보기 건너뛰기</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>이전</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>다음</translation>
        </message>
        <message>
            <source>GETTING STARTED</source>
            <translation>시작하기</translation>
        </message>
        <message>
            <source>STEP {index} OF {total}</source>
            <translation>{total}단계 중 {index}단계</translation>
        </message>
        <message>
            <source>ALL DONE</source>
            <translation>완료</translation>
        </message>
        <message>
            <source>Browse concepts</source>
            <translation>개념 둘러보기</translation>
        </message>
        <message>
            <source>Let's go</source>
            <translation>시작</translation>
        </message>
        <message>
            <source>Start building</source>
            <translation>만들기 시작</translation>
        </message>
    </context>
    <context>
        <name>_HeatMaps</name>
        <message>
            <source>Layer:</source>
            <translation>층:</translation>
        </message>
        <message>
            <source>time step</source>
            <translation>타임 스텝</translation>
        </message>
        <message>
            <source>unit</source>
            <translation>유닛</translation>
        </message>
        <message>
            <source>One validation sequence ({steps} steps): class {label}, the network says {guess} ({p:.0%}).</source>
            <translation>검증 시퀀스 하나({steps} 스텝): 클래스 {label}, 신경망의 예측 {guess} ({p:.0%}).</translation>
        </message>
        <message>
            <source>One validation sequence ({steps} steps): target {target}, the network says {pred}.</source>
            <translation>검증 시퀀스 하나({steps} 스텝): 실제값 {target}, 신경망의 예측 {pred}.</translation>
        </message>
    </context>
    <context>
        <name>_NumberField</name>
        <message>
            <source>{name}: {range} ({typed} not applied, kept {kept})</source>
            <translation>{name}: {range} ({typed}은(는) 적용하지 않고 {kept} 유지)</translation>
        </message>
    </context>
    <context>
        <name>_TrainValPanel</name>
        <message>
            <source>step</source>
            <translation>스텝</translation>
        </message>
        <message>
            <source>training (smoothed)</source>
            <translation>학습 (평활화)</translation>
        </message>
        <message>
            <source>per batch</source>
            <translation>배치별</translation>
        </message>
        <message>
            <source>validation</source>
            <translation>검증</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>accuracy</source>
            <translation>정확도</translation>
        </message>
    </context>
    <context>
        <name>common.dialogs</name>
        <message>
            <source>Presets (*.json);;All files (*)</source>
            <translation>프리셋 (*.json);;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>저장하지 않은 변경 사항</translation>
        </message>
        <message>
            <source>Save the changes to {name}?</source>
            <translation>{name}의 변경 사항을 저장할까요?</translation>
        </message>
        <message>
            <source>Open preset</source>
            <translation>프리셋 열기</translation>
        </message>
        <message>
            <source>Save preset</source>
            <translation>프리셋 저장</translation>
        </message>
        <message>
            <source>Training is running</source>
            <translation>학습 중입니다</translation>
        </message>
        <message>
            <source>This edit changes the network being trained. Stop training and keep the edit?</source>
            <translation>이 편집은 학습 중인 신경망을 바꿉니다. 학습을 중지하고 편집을 유지할까요?</translation>
        </message>
        <message>
            <source>A run is in progress</source>
            <translation>실행 중입니다</translation>
        </message>
        <message>
            <source>Opening {what} ends the run in progress on this network. Stop it and open {what}?</source>
            <translation>{what}을(를) 열면 이 신경망에서 진행 중인 실행이 끝납니다. 중지하고 {what}을(를) 열까요?</translation>
        </message>
        <message>
            <source>less than a minute ago</source>
            <translation>1분 이내</translation>
        </message>
        <message>
            <source>{minutes} minute(s) ago</source>
            <translation>{minutes}분 전</translation>
        </message>
        <message>
            <source>Restore unsaved work?</source>
            <translation>저장하지 않은 작업을 복원할까요?</translation>
        </message>
        <message>
            <source>The playground did not close normally. Restore the unsaved graph "{name}" (autosaved {when})?</source>
            <translation>플레이그라운드가 정상적으로 종료되지 않았습니다. 저장하지 않은 그래프를 복원할까요? ("{name}", 자동 저장: {when})</translation>
        </message>
    </context>
    <context>
        <name>common.param_editors</name>
        <message>
            <source>any whole number</source>
            <translation>모든 정수</translation>
        </message>
        <message>
            <source>any number</source>
            <translation>모든 수</translation>
        </message>
        <message>
            <source>at least {value}</source>
            <translation>{value} 이상</translation>
        </message>
        <message>
            <source>{low} to {high}</source>
            <translation>{low} ~ {high}</translation>
        </message>
        <message>
            <source>at most {value}</source>
            <translation>{value} 이하</translation>
        </message>
        <message>
            <source>{help}
Range: {range} · default {default}</source>
            <translation>{help}
범위: {range} · 기본값 {default}</translation>
        </message>
        <message>
            <source>on</source>
            <translation>켬</translation>
        </message>
        <message>
            <source>off</source>
            <translation>끔</translation>
        </message>
        <message>
            <source>{help}
Default: {state}</source>
            <translation>{help}
기본값: {state}</translation>
        </message>
        <message>
            <source>{help}
Default: {default}</source>
            <translation>{help}
기본값: {default}</translation>
        </message>
    </context>
    <context>
        <name>compare.panel</name>
        <message>
            <source>Leading</source>
            <translation>선두</translation>
        </message>
        <message>
            <source>Leading when stopped</source>
            <translation>중지 시 선두</translation>
        </message>
        <message>
            <source>Winner</source>
            <translation>우승</translation>
        </message>
        <message>
            <source>Every run diverged</source>
            <translation>모든 실행이 발산했습니다</translation>
        </message>
        <message>
            <source>try smaller learning rates</source>
            <translation>더 작은 학습률을 써 보세요</translation>
        </message>
        <message>
            <source>One run</source>
            <translation>실행 하나</translation>
        </message>
        <message>
            <source>nothing to compare it with: choose a second optimizer or a sweep</source>
            <translation>비교할 대상이 없습니다: 옵티마이저를 하나 더 고르거나 값 바꿔 보기를 선택하세요</translation>
        </message>
        <message>
            <source>No leader yet</source>
            <translation>아직 선두 없음</translation>
        </message>
    </context>
    <context>
        <name>engine messages</name>
        <message>
            <source>Two valleys: plain gradient descent stops in the nearer, shallower one at x ≈ 0.96; momentum arrives with enough speed to roll over the ridge into the deeper one at x ≈ −1.04. At these learning rates AdaGrad, RMSProp and Adam stop in the shallow one too.</source>
            <translation>골짜기가 두 개입니다: 기본 경사하강법은 가깝고 얕은 x ≈ 0.96에서 멈추고, 모멘텀은 충분한 속도로 능선을 넘어 더 깊은 x ≈ −1.04로 굴러갑니다. 이 학습률에서는 AdaGrad, RMSProp, Adam도 얕은 쪽에서 멈춥니다.</translation>
        </message>
        <message>
            <source>A valley 10 times longer than wide: plain gradient descent zigzags across it and then crawls along its floor; momentum at the same learning rate damps the zigzag and gets much closer to the minimum at the origin.</source>
            <translation>폭보다 10배 긴 골짜기: 기본 경사하강법은 골짜기를 가로질러 지그재그로 움직인 뒤 바닥을 따라 느리게 기어갑니다. 같은 학습률의 모멘텀은 지그재그를 줄이고 원점의 최소점에 훨씬 가까이 갑니다.</translation>
        </message>
        <message>
            <source>Every method drops into the curved valley quickly; the hard part is travelling along its flat floor to the minimum at (1, 1). Momentum covers far more of it than plain gradient descent at the same learning rate.</source>
            <translation>모든 방법이 휘어진 골짜기로 금방 떨어집니다. 어려운 부분은 평평한 바닥을 따라 (1, 1)의 최소점까지 가는 것입니다. 같은 학습률에서 모멘텀이 기본 경사하강법보다 훨씬 멀리 갑니다.</translation>
        </message>
        <message>
            <source>Plain gradient descent slides towards the saddle point and lingers there, because the push along y is proportional to the tiny y. Momentum, RMSProp and Adam roll off far sooner.</source>
            <translation>기본 경사하강법은 안장점 쪽으로 미끄러져 한참 머뭅니다. y 방향으로 미는 힘이 아주 작은 y에 비례하기 때문입니다. 모멘텀, RMSProp, Adam은 훨씬 빨리 굴러 내려갑니다.</translation>
        </message>
        <message>
            <source>The neuron view draws every unit over the input plane: it needs data with two input features. This network's input has shape {0}.</source>
            <translation>뉴런 화면은 모든 유닛을 입력 평면 위에 그립니다: 입력 특징이 두 개인 데이터가 필요합니다. 이 신경망의 입력 형태는 {0}입니다.</translation>
        </message>
        <message>
            <source>has 1 output unit: categorical cross-entropy needs one unit per class (use BCE with sigmoid for one unit)</source>
            <translation>출력 유닛이 1개입니다: 범주형 크로스 엔트로피는 클래스마다 유닛이 하나씩 필요합니다 (유닛이 하나면 시그모이드와 BCE를 쓰세요)</translation>
        </message>
        <message>
            <source>The neuron view needs every layer between Dense layers to keep its units; {0} ({1}) changes their number.</source>
            <translation>뉴런 화면은 Dense 층 사이의 모든 층이 유닛 수를 유지해야 합니다: {0} ({1})은(는) 유닛 수를 바꿉니다.</translation>
        </message>
        <message>
            <source>The neuron view draws a chain of layers, one after the other; {0} ({1}) joins several branches.</source>
            <translation>뉴런 화면은 층이 하나씩 이어진 사슬을 그립니다: {0} ({1})은(는) 여러 갈래를 합칩니다.</translation>
        </message>
        <message>
            <source>the discriminator's output must be one unit (a raw score), it has {0}: end it with Dense(1)</source>
            <translation>판별자의 출력은 유닛 하나(가공하지 않은 점수)여야 하는데 {0}개입니다: 마지막을 Dense(1)로 끝내세요</translation>
        </message>
        <message>
            <source>{0} needs a sequence input (time x features), got {1}: feed it a sequence source (sine, remember_first, adding) or an Embedding's output</source>
            <translation>{0}에는 시퀀스 입력(시간 x 특징)이 필요한데 {1}을(를) 받았습니다: 시퀀스 데이터(sine, remember_first, adding)나 Embedding의 출력을 연결하세요</translation>
        </message>
        <message>
            <source>with 1 output can only tell 2 classes, the dataset has {0}: use CCE with softmax</source>
            <translation>출력이 1개이면 클래스 2개만 구별할 수 있는데 데이터셋의 클래스는 {0}개입니다: softmax와 CCE를 쓰세요</translation>
        </message>
        <message>
            <source>the generator makes {0} samples but the real ones are {1}: the generator's last layer needs {2} outputs</source>
            <translation>생성자가 만드는 샘플은 {0}인데 진짜 샘플은 {1}입니다: 생성자의 마지막 층에 출력이 {2}개 필요합니다</translation>
        </message>
        <message>
            <source>needs class labels, but the dataset is a regression: use MSE</source>
            <translation>클래스 레이블이 필요한데 데이터셋이 회귀용입니다: MSE를 쓰세요</translation>
        </message>
        <message>
            <source>The neuron view draws Dense layers: this network has none.</source>
            <translation>뉴런 화면은 Dense 층을 그립니다: 이 신경망에는 없습니다.</translation>
        </message>
        <message>
            <source>The neuron view draws flat layers of units; {0} ({1}) outputs {2}.</source>
            <translation>뉴런 화면은 유닛이 한 줄로 놓인 층을 그립니다: {0} ({1})의 출력은 {2}입니다.</translation>
        </message>
        <message>
            <source>needs token ids (time), got {0}: use a text source that gives token ids</source>
            <translation>토큰 인덱스 시퀀스(시간)가 필요한데 {0}을(를) 받았습니다: 토큰 인덱스를 주는 텍스트 데이터를 쓰세요</translation>
        </message>
        <message>
            <source>needs a sequence input (time x features), got {0}</source>
            <translation>시퀀스 입력(시간 x 특징)이 필요한데 {0}을(를) 받았습니다</translation>
        </message>
        <message>
            <source>needs flat predictions, got {0}: add a Flatten and a Dense</source>
            <translation>평평한 예측값이 필요한데 {0}을(를) 받았습니다: Flatten과 Dense를 추가하세요</translation>
        </message>
        <message>
            <source>gets {0} outputs for {1} classes: use {2} units (one-hot) or 1 unit (binary)</source>
            <translation>클래스 {1}개에 출력이 {0}개입니다: 유닛 {2}개(원핫) 또는 1개(이진)를 쓰세요</translation>
        </message>
        <message>
            <source>its output is not connected to anything</source>
            <translation>출력이 어디에도 연결되어 있지 않습니다</translation>
        </message>
        <message>
            <source>needs a flat input, got {0}: add a Flatten before it</source>
            <translation>평평한 입력이 필요한데 {0}을(를) 받았습니다: 앞에 Flatten을 추가하세요</translation>
        </message>
        <message>
            <source>{0} '{1}' output '{2}' gives a {3}, but {4} '{5}' input '{6}' takes a {7}</source>
            <translation>{0} '{1}'의 출력 '{2}'은(는) {3}을(를) 내보내는데 {4} '{5}'의 입력 '{6}'은(는) {7}을(를) 받습니다</translation>
        </message>
        <message>
            <source>gets {0} outputs for {1} classes: the last Dense needs {2} units</source>
            <translation>클래스 {1}개에 출력이 {0}개입니다: 마지막 Dense에 유닛 {2}개가 필요합니다</translation>
        </message>
        <message>
            <source>compiling kernels (first run only)</source>
            <translation>커널 컴파일 (처음 실행할 때만)</translation>
        </message>
        <message>
            <source>the graph has no {0} node: add one from the palette</source>
            <translation>그래프에 {0} 노드가 없습니다: 팔레트에서 추가하세요</translation>
        </message>
        <message>
            <source>this connection would make a cycle</source>
            <translation>이렇게 연결하면 순환이 생깁니다</translation>
        </message>
        <message>
            <source>needs features or an image, got {0}</source>
            <translation>특성이나 이미지가 필요한데 {0}을(를) 받았습니다</translation>
        </message>
        <message>
            <source>there is already a node named '{0}'</source>
            <translation>'{0}'(이)라는 노드가 이미 있습니다</translation>
        </message>
        <message>
            <source>these ports are already connected</source>
            <translation>이 포트들은 이미 연결되어 있습니다</translation>
        </message>
        <message>
            <source>needs at least 2 inputs, has {0}</source>
            <translation>입력이 2개 이상 필요한데 {0}개입니다</translation>
        </message>
        <message>
            <source>{0} needs an image input (channels x height x width), got {1}</source>
            <translation>{0}에는 이미지 입력(채널 x 높이 x 너비)이 필요한데 {1}을(를) 받았습니다</translation>
        </message>
        <message>
            <source>only one {0} node is allowed, '{1}' is already one</source>
            <translation>{0} 노드는 하나만 둘 수 있는데 '{1}'이(가) 이미 있습니다</translation>
        </message>
        <message>
            <source>the {0} has no optimizer: wire {1} to an optimizer node</source>
            <translation>{0}에 옵티마이저가 없습니다: {1}을(를) 옵티마이저 노드에 연결하세요</translation>
        </message>
        <message>
            <source>'{0}' is not a valid node name (letters, digits, _ and -)</source>
            <translation>'{0}'은(는) 올바른 노드 이름이 아닙니다 (글자, 숫자, _, - 만 가능)</translation>
        </message>
        <message>
            <source>diverged at step {0}: the loss became {1}</source>
            <translation>{0} 스텝에서 발산했습니다: 손실이 {1}이(가) 되었습니다</translation>
        </message>
        <message>
            <source>gets {0} outputs: use 1 sigmoid unit for two classes</source>
            <translation>출력이 {0}개입니다: 두 클래스에는 시그모이드 유닛 1개를 쓰세요</translation>
        </message>
        <message>
            <source>only {0} {1} nodes are allowed (one per loss output)</source>
            <translation>{1} 노드는 {0}개까지만 둘 수 있습니다 (손실 출력마다 하나)</translation>
        </message>
        <message>
            <source>loading the compiled kernels</source>
            <translation>컴파일된 커널 불러오기</translation>
        </message>
        <message>
            <source>least squares, {0} D step(s) per G step</source>
            <translation>최소 제곱, G 스텝마다 D {0}스텝</translation>
        </message>
        <message>
            <source>a node cannot feed itself</source>
            <translation>노드를 자기 자신에 연결할 수 없습니다</translation>
        </message>
        <message>
            <source>negative side down to -{0}</source>
            <translation>음수 쪽 최저 -{0}</translation>
        </message>
        <message>
            <source>Local and global minimum</source>
            <translation>국소 최소점과 전역 최소점</translation>
        </message>
        <message>
            <source>{0}x{1} kernel is larger than its {2}x{3} input</source>
            <translation>{0}x{1} 커널이 {2}x{3} 입력보다 큽니다</translation>
        </message>
        <message>
            <source>{0}x{1} window is larger than its {2}x{3} input</source>
            <translation>{0}x{1} 창이 {2}x{3} 입력보다 큽니다</translation>
        </message>
        <message>
            <source>minimax, {0} D step(s) per G step</source>
            <translation>미니맥스, G 스텝마다 D {0}스텝</translation>
        </message>
        <message>
            <source>{0} '{1}' input '{2}' is already connected</source>
            <translation>{0} '{1}'의 입력 '{2}'은(는) 이미 연결되어 있습니다</translation>
        </message>
        <message>
            <source>unknown node type {0}</source>
            <translation>알 수 없는 노드 종류 {0}</translation>
        </message>
        <message>
            <source>{0} must be a finite number, not {1}</source>
            <translation>{0}은(는) 유한한 수여야 합니다 ({1}은(는) 안 됩니다)</translation>
        </message>
        <message>
            <source>input '{0}' is not connected</source>
            <translation>입력 '{0}'이(가) 연결되어 있지 않습니다</translation>
        </message>
        <message>
            <source>{0} must be a whole number, not {1}</source>
            <translation>{0}은(는) 정수여야 합니다 ({1}은(는) 안 됩니다)</translation>
        </message>
        <message>
            <source>no node named '{0}'</source>
            <translation>'{0}'(이)라는 노드가 없습니다</translation>
        </message>
        <message>
            <source>unknown node type</source>
            <translation>알 수 없는 노드 종류</translation>
        </message>
        <message>
            <source>{0} = {1} is above its maximum {2}</source>
            <translation>{0} = {1}이(가) 최댓값 {2}보다 큽니다</translation>
        </message>
        <message>
            <source>{0} = {1} is below its minimum {2}</source>
            <translation>{0} = {1}이(가) 최솟값 {2}보다 작습니다</translation>
        </message>
        <message>
            <source>lr {0}, batch {1}, {2} epochs</source>
            <translation>학습률 {0}, 배치 {1}, 에포크 {2}</translation>
        </message>
        <message>
            <source>{0} must be one of {1}, not {2}</source>
            <translation>{0}은(는) {1} 중 하나여야 합니다 ({2}은(는) 안 됩니다)</translation>
        </message>
        <message>
            <source>{0} '{1}' has no output '{2}'</source>
            <translation>{0} '{1}'에는 출력 '{2}'이(가) 없습니다</translation>
        </message>
        <message>
            <source>{0} must be a number, not {1}</source>
            <translation>{0}은(는) 수여야 합니다 ({1}은(는) 안 됩니다)</translation>
        </message>
        <message>
            <source>{0} '{1}' has no input '{2}'</source>
            <translation>{0} '{1}'에는 입력 '{2}'이(가) 없습니다</translation>
        </message>
        <message>
            <source>discriminator</source>
            <translation>판별자</translation>
        </message>
        <message>
            <source>drops {0} % of units</source>
            <translation>유닛의 {0} %를 드롭아웃</translation>
        </message>
        <message>
            <source>{0} values from U(-1, 1)</source>
            <translation>U(-1, 1)에서 뽑은 값 {0}개</translation>
        </message>
        <message>
            <source>slope {0} below 0</source>
            <translation>0 아래 기울기 {0}</translation>
        </message>
        <message>
            <source>{0} values from N(0, 1)</source>
            <translation>N(0, 1)에서 뽑은 값 {0}개</translation>
        </message>
        <message>
            <source>{0} filter{1} {2}x{3}</source>
            <translation>필터 {0}개 {2}x{3}</translation>
        </message>
        <message>
            <source>Rosenbrock</source>
            <translation>로젠브록</translation>
        </message>
        <message>
            <source>Optimizer</source>
            <translation>옵티마이저</translation>
        </message>
        <message>
            <source>generator</source>
            <translation>생성자</translation>
        </message>
        <message>
            <source>{0} drawn point{1}</source>
            <translation>그린 점 {0}개</translation>
        </message>
        <message>
            <source>diverged</source>
            <translation>발산</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>완료</translation>
        </message>
        <message>
            <source>{0} tokens x {1}</source>
            <translation>토큰 {0}개 x {1}</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>running</source>
            <translation>실행 중</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>중지</translation>
        </message>
        <message>
            <source>{0} unit{1}, </source>
            <translation>유닛 {0}개, </translation>
        </message>
        <message>
            <source>Ravine</source>
            <translation>좁은 골짜기</translation>
        </message>
        <message>
            <source>Saddle</source>
            <translation>안장점</translation>
        </message>
        <message>
            <source>{0} unit{1}</source>
            <translation>유닛 {0}개</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>손실 함수</translation>
        </message>
    </context>
    <context>
        <name>files.about_preset</name>
        <message>
            <source>About this preset</source>
            <translation>이 프리셋 정보</translation>
        </message>
    </context>
    <context>
        <name>files.model_files</name>
        <message>
            <source>Replace folder?</source>
            <translation>폴더를 바꿀까요?</translation>
        </message>
        <message>
            <source>{path} already exists and is not empty.

Replace it with the exported project? Its current contents will be deleted.</source>
            <translation>{path}이(가) 이미 있고 비어 있지 않습니다.

내보낸 프로젝트로 바꿀까요? 지금 들어 있는 내용은 삭제됩니다.</translation>
        </message>
    </context>
    <context>
        <name>files.preset_library</name>
        <message>
            <source>every optimizer</source>
            <translation>모든 옵티마이저</translation>
        </message>
        <message>
            <source>{who} with {name} = {values}</source>
            <translation>{who}, {name} = {values}</translation>
        </message>
        <message>
            <source>race of {who} on the {surface} surface</source>
            <translation>{surface} 곡면에서 {who} 경주</translation>
        </message>
    </context>
    <context>
        <name>help.about</name>
        <message>
            <source>*{name}: cannot be read ({strerror})*</source>
            <translation>*{name}: 읽을 수 없습니다 ({strerror})*</translation>
        </message>
        <message>
            <source>*No bundled data was found (the assets folder is missing).*</source>
            <translation>*포함된 데이터를 찾을 수 없습니다 (assets 폴더가 없습니다).*</translation>
        </message>
        <message>
            <source>Licence: {licence}</source>
            <translation>라이선스: {licence}</translation>
        </message>
        <message>
            <source>Platform: {platform}</source>
            <translation>플랫폼: {platform}</translation>
        </message>
        <message>
            <source>A desktop neural-network playground: build networks from nodes, train them with a Numba engine, watch them learn.</source>
            <translation>데스크톱 신경망 플레이그라운드: 노드로 신경망을 만들고, Numba 엔진으로 학습시키고, 배우는 모습을 지켜보세요.</translation>
        </message>
        <message>
            <source>Neural Network Playground: build networks from nodes, train them with a Numba engine, watch them learn.</source>
            <translation>신경망 플레이그라운드: 노드로 신경망을 만들고, Numba 엔진으로 학습시키고, 배우는 모습을 지켜보세요.</translation>
        </message>
    </context>
    <context>
        <name>help.tour</name>
        <message>
            <source>the loss</source>
            <translation>손실</translation>
        </message>
        <message>
            <source>tensors</source>
            <translation>텐서</translation>
        </message>
        <message>
            <source>targets</source>
            <translation>타깃(실제값)</translation>
        </message>
        <message>
            <source>Welcome to NN Playground</source>
            <translation>NN Playground에 오신 것을 환영합니다</translation>
        </message>
        <message>
            <source>Build a neural network from blocks, press one key to train it, and watch it learn in real time.&lt;br&gt;&lt;br&gt;This tour shows each part of the window in {steps} short steps. Use &lt;b&gt;Next&lt;/b&gt; or the arrow keys; &lt;b&gt;Esc&lt;/b&gt; closes it.</source>
            <translation>블록으로 신경망을 만들고, 키 하나로 학습시키고, 배우는 모습을 실시간으로 지켜보세요.&lt;br&gt;&lt;br&gt;이 둘러보기는 창의 각 부분을 짧은 {steps}단계로 보여 줍니다. &lt;b&gt;다음&lt;/b&gt; 또는 화살표 키로 넘기고, &lt;b&gt;Esc&lt;/b&gt;로 닫습니다.</translation>
        </message>
        <message>
            <source>1 · The Nodes palette</source>
            <translation>1 · 노드 팔레트</translation>
        </message>
        <message>
            <source>Every building block lives here, colour-coded by kind: {kinds}.&lt;br&gt;&lt;br&gt;&lt;b&gt;Drag&lt;/b&gt; one onto the canvas, or &lt;b&gt;double-click&lt;/b&gt; it. The search box finds a node by name.</source>
            <translation>모든 블록이 여기 있으며 종류별로 색이 다릅니다: {kinds}.&lt;br&gt;&lt;br&gt;캔버스로 &lt;b&gt;끌어 놓거나&lt;/b&gt; &lt;b&gt;더블클릭&lt;/b&gt;하세요. 검색 상자로 노드를 이름으로 찾을 수 있습니다.</translation>
        </message>
        <message>
            <source>2 · The canvas: wire your network</source>
            <translation>2 · 캔버스: 신경망 연결하기</translation>
        </message>
        <message>
            <source>Drag from an &lt;b&gt;output port&lt;/b&gt; (right side of a node) to an &lt;b&gt;input port&lt;/b&gt; (left side). Ports are typed: {ports} connect only to their own kind.&lt;br&gt;&lt;br&gt;Each wire shows the shape flowing through it. A node with a problem turns &lt;span style='color:#e5484d'&gt;&lt;b&gt;red&lt;/b&gt;&lt;/span&gt;; hover it to read why. Scroll to zoom, {key} fits the whole graph.</source>
            <translation>&lt;b&gt;출력 포트&lt;/b&gt;(노드 오른쪽)에서 &lt;b&gt;입력 포트&lt;/b&gt;(왼쪽)로 끌어 놓으세요. 포트에는 종류가 있어 {ports}은(는) 같은 종류끼리만 연결됩니다.&lt;br&gt;&lt;br&gt;연결선마다 흐르는 데이터의 형태가 보입니다. 문제가 있는 노드는 &lt;span style='color:#e5484d'&gt;&lt;b&gt;빨간색&lt;/b&gt;&lt;/span&gt;이 되며, 마우스를 올리면 이유를 볼 수 있습니다. 스크롤로 확대/축소하고, {key}로 그래프 전체를 봅니다.</translation>
        </message>
        <message>
            <source>3 · The Inspector</source>
            <translation>3 · 인스펙터</translation>
        </message>
        <message>
            <source>Select a node to change its settings here: units, kernel size, activation, learning rate... Each field shows its range and a hint.&lt;br&gt;&lt;br&gt;Every edit can be undone with {key}. Click an empty spot on the canvas to give the whole graph a title and a description.</source>
            <translation>노드를 선택하면 여기서 설정을 바꿀 수 있습니다: 유닛 수, 커널 크기, 활성화 함수, 학습률... 칸마다 범위와 도움말이 있습니다.&lt;br&gt;&lt;br&gt;모든 편집은 {key}로 되돌릴 수 있습니다. 캔버스의 빈 곳을 클릭하면 그래프 전체에 제목과 설명을 붙일 수 있습니다.</translation>
        </message>
        <message>
            <source>4 · Train it</source>
            <translation>4 · 학습시키기</translation>
        </message>
        <message>
            <source>Press &lt;b&gt;Train&lt;/b&gt; {key} and the network learns in the background. {key2} pauses, {key3} runs exactly one mini-batch, {key4} stops.&lt;br&gt;&lt;br&gt;Training again continues from the current weights; &lt;b&gt;Reset weights&lt;/b&gt; starts over. If the loss explodes, training stops and keeps the last good weights.</source>
            <translation>&lt;b&gt;학습&lt;/b&gt; {key}을 누르면 신경망이 백그라운드에서 배웁니다. {key2}는 일시 정지, {key3}는 미니 배치 하나만 학습, {key4}는 중지입니다.&lt;br&gt;&lt;br&gt;다시 학습하면 지금 가중치에서 이어 갑니다. &lt;b&gt;가중치 초기화&lt;/b&gt;는 처음부터 시작합니다. 손실이 폭발하면 학습이 멈추고 마지막으로 괜찮았던 가중치를 유지합니다.</translation>
        </message>
        <message>
            <source>5 · Watch it learn</source>
            <translation>5 · 배우는 모습 보기</translation>
        </message>
        <message>
            <source>While it trains the views fill in: loss and accuracy, weight histograms, gradient norms, CNN filters, feature maps, the decision boundary and more. Right-click a plot to save it as PNG or CSV.&lt;br&gt;&lt;br&gt;&lt;b&gt;Compare&lt;/b&gt; {key} trains several optimizers side by side from the same weights; &lt;b&gt;Race&lt;/b&gt; {key2} runs them on loss surfaces.</source>
            <translation>학습하는 동안 여러 화면이 채워집니다: 손실과 정확도, 가중치 히스토그램, 기울기 노름, CNN 필터, 특성 맵, 결정 경계 등. 그래프를 오른쪽 클릭하면 PNG나 CSV로 저장할 수 있습니다.&lt;br&gt;&lt;br&gt;&lt;b&gt;비교&lt;/b&gt; {key}는 같은 가중치에서 여러 옵티마이저를 나란히 학습하고, &lt;b&gt;경주&lt;/b&gt; {key2}는 손실 곡면 위에서 옵티마이저들을 달리게 합니다.</translation>
        </message>
        <message>
            <source>6 · The status bar</source>
            <translation>6 · 상태 표시줄</translation>
        </message>
        <message>
            <source>Always tells you where you stand: whether the graph is valid (or what is wrong with it), how many parameters it has, and what training is doing.</source>
            <translation>지금 상태를 늘 알려 줍니다: 그래프가 올바른지(아니면 무엇이 문제인지), 파라미터가 몇 개인지, 학습이 무엇을 하고 있는지.</translation>
        </message>
        <message>
            <source>You are ready</source>
            <translation>준비가 끝났습니다</translation>
        </message>
        <message>
            <source>Not sure what to build? &lt;b&gt;Help › Concepts&lt;/b&gt; has {concepts} small experiments, one deep-learning idea each: vanishing gradients, learning rates, momentum, residual connections...&lt;br&gt;&lt;br&gt;This tour stays in the Help menu ({key}). Have fun!</source>
            <translation>무엇을 만들지 모르겠다면 &lt;b&gt;도움말 › 개념&lt;/b&gt;에 작은 실험 {concepts}개가 있습니다. 하나에 딥러닝 개념 하나씩: 기울기 소실, 학습률, 모멘텀, 잔차 연결...&lt;br&gt;&lt;br&gt;이 둘러보기는 도움말 메뉴({key})에 있습니다. 즐거운 학습 되세요!</translation>
        </message>
    </context>
    <context>
        <name>node categories</name>
        <message>
            <source>Data</source>
            <translation>데이터</translation>
        </message>
        <message>
            <source>Layers</source>
            <translation>층</translation>
        </message>
        <message>
            <source>Activations</source>
            <translation>활성화 함수</translation>
        </message>
        <message>
            <source>Losses</source>
            <translation>손실 함수</translation>
        </message>
        <message>
            <source>Optimizers</source>
            <translation>옵티마이저</translation>
        </message>
    </context>
    <context>
        <name>node:AdaGrad</name>
        <message>
            <source>AdaGrad</source>
            <translation>AdaGrad</translation>
        </message>
        <message>
            <source>Per-weight learning rates that shrink with the sum of past squared gradients.</source>
            <translation>가중치마다 학습률이 있고, 지난 기울기 제곱의 합이 커질수록 작아집니다.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>Learning-rate decay per step</source>
            <translation>스텝마다 학습률 감소</translation>
        </message>
        <message>
            <source>Starting value of the sum</source>
            <translation>합의 초깃값</translation>
        </message>
        <message>
            <source>Added to the denominator for stability</source>
            <translation>안정성을 위해 분모에 더하는 값</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
        <message>
            <source>lr_decay</source>
            <translation>학습률 감소</translation>
        </message>
        <message>
            <source>initial_accumulator_value</source>
            <translation>누적 초깃값</translation>
        </message>
        <message>
            <source>eps</source>
            <translation>eps</translation>
        </message>
    </context>
    <context>
        <name>node:Adam</name>
        <message>
            <source>Adam</source>
            <translation>Adam</translation>
        </message>
        <message>
            <source>Momentum plus RMSProp scaling, with bias correction: the usual default.</source>
            <translation>모멘텀에 RMSProp 크기 조절과 편향 보정을 더한 것: 흔히 쓰는 기본값.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>Decay of the gradient average (momentum)</source>
            <translation>기울기 평균의 감쇠 (모멘텀)</translation>
        </message>
        <message>
            <source>Decay of the squared-gradient average</source>
            <translation>기울기 제곱 평균의 감쇠</translation>
        </message>
        <message>
            <source>Added to the denominator for stability</source>
            <translation>안정성을 위해 분모에 더하는 값</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
        <message>
            <source>beta1</source>
            <translation>beta1</translation>
        </message>
        <message>
            <source>beta2</source>
            <translation>beta2</translation>
        </message>
        <message>
            <source>eps</source>
            <translation>eps</translation>
        </message>
    </context>
    <context>
        <name>node:Add</name>
        <message>
            <source>Add</source>
            <translation>더하기</translation>
        </message>
        <message>
            <source>Sums its inputs element by element: the residual (skip) connection.</source>
            <translation>입력을 원소별로 더합니다: 잔차 연결(스킵 연결).</translation>
        </message>
    </context>
    <context>
        <name>node:AvgPool2D</name>
        <message>
            <source>AvgPool2D</source>
            <translation>평균 풀링</translation>
        </message>
        <message>
            <source>Averages each window: a smooth downsampling.</source>
            <translation>창마다 평균을 냅니다: 부드러운 다운샘플링.</translation>
        </message>
        <message>
            <source>Pooling window size (size x size)</source>
            <translation>풀링 창 크기 (size x size)</translation>
        </message>
        <message>
            <source>Step between windows (0: same as size)</source>
            <translation>창 사이 간격 (스트라이드, 0: size와 같음)</translation>
        </message>
        <message>
            <source>size</source>
            <translation>창 크기</translation>
        </message>
        <message>
            <source>stride</source>
            <translation>스트라이드</translation>
        </message>
    </context>
    <context>
        <name>node:BCE</name>
        <message>
            <source>Binary cross-entropy</source>
            <translation>이진 크로스 엔트로피</translation>
        </message>
        <message>
            <source>-[y log p + (1-y) log(1-p)]: for two classes with one sigmoid output.</source>
            <translation>-[y log p + (1-y) log(1-p)]: 시그모이드 출력 하나로 두 클래스를 나누는 이진 분류용.</translation>
        </message>
    </context>
    <context>
        <name>node:BatchNorm</name>
        <message>
            <source>BatchNorm</source>
            <translation>배치 정규화</translation>
        </message>
        <message>
            <source>Normalises each feature/channel over the batch, then scales and shifts it (learned).</source>
            <translation>특성/채널마다 배치 전체로 정규화한 뒤 (학습되는 값으로) 크기를 바꾸고 이동합니다.</translation>
        </message>
        <message>
            <source>Weight of the newest batch in the running statistics</source>
            <translation>이동 통계에서 가장 최근 배치의 비중</translation>
        </message>
        <message>
            <source>Added to the variance for stability</source>
            <translation>안정성을 위해 분산에 더하는 값</translation>
        </message>
        <message>
            <source>momentum</source>
            <translation>모멘텀</translation>
        </message>
        <message>
            <source>eps</source>
            <translation>eps</translation>
        </message>
    </context>
    <context>
        <name>node:CCE</name>
        <message>
            <source>Categorical cross-entropy</source>
            <translation>범주형 크로스 엔트로피</translation>
        </message>
        <message>
            <source>-sum y log p with one-hot targets: for several classes after a softmax.</source>
            <translation>원핫 타깃에 대한 -sum y log p: softmax 뒤에 쓰는 다중 분류용.</translation>
        </message>
    </context>
    <context>
        <name>node:Concat</name>
        <message>
            <source>Concat</source>
            <translation>이어 붙이기</translation>
        </message>
        <message>
            <source>Joins its inputs along features (or channels for images).</source>
            <translation>입력을 특성 방향으로 (이미지는 채널 방향으로) 이어 붙입니다.</translation>
        </message>
    </context>
    <context>
        <name>node:Conv2D</name>
        <message>
            <source>Conv2D</source>
            <translation>합성곱층</translation>
        </message>
        <message>
            <source>2D convolution: learned filters slide over the image, one feature map per filter.</source>
            <translation>2D 합성곱: 학습된 필터(커널)가 이미지 위를 미끄러지며, 필터마다 특성 맵 하나를 만듭니다.</translation>
        </message>
        <message>
            <source>Number of filters (output channels)</source>
            <translation>필터 수 (출력 채널)</translation>
        </message>
        <message>
            <source>Filter size k (k x k)</source>
            <translation>필터(커널) 크기 k (k x k)</translation>
        </message>
        <message>
            <source>Step between filter positions</source>
            <translation>필터 위치 사이 간격 (스트라이드)</translation>
        </message>
        <message>
            <source>valid: no padding (output shrinks); same: zero-pad to keep size / stride</source>
            <translation>valid: 패딩 없음 (출력이 작아짐); same: 0으로 패딩해 크기 / 스트라이드 유지</translation>
        </message>
        <message>
            <source>Weight initialiser: xavier (Glorot uniform), he (He normal, for ReLU) or gaussian</source>
            <translation>가중치 초기화: xavier (Glorot 균등), he (He 정규, ReLU용) 또는 gaussian (가우시안)</translation>
        </message>
        <message>
            <source>Standard deviation of the gaussian initialiser</source>
            <translation>가우시안 초기화의 표준편차</translation>
        </message>
        <message>
            <source>Learn a bias per output (initialised to bias_init)</source>
            <translation>출력마다 편향을 학습 (bias_init으로 초기화)</translation>
        </message>
        <message>
            <source>Initial value of every bias</source>
            <translation>모든 편향의 초깃값</translation>
        </message>
        <message>
            <source>L1 regularisation rate: adds l1 * sum|w| to the loss (pushes weights to 0)</source>
            <translation>L1 규제 비율: 손실에 l1 * sum|w|를 더합니다 (가중치를 0으로 밀어냄)</translation>
        </message>
        <message>
            <source>L2 regularisation rate: adds l2 * sum(w²) to the loss (keeps weights small)</source>
            <translation>L2 규제 비율: 손실에 l2 * sum(w²)를 더합니다 (가중치를 작게 유지)</translation>
        </message>
        <message>
            <source>channels</source>
            <translation>채널 수</translation>
        </message>
        <message>
            <source>kernel</source>
            <translation>커널 크기</translation>
        </message>
        <message>
            <source>stride</source>
            <translation>스트라이드</translation>
        </message>
        <message>
            <source>padding</source>
            <translation>패딩</translation>
        </message>
        <message>
            <source>init</source>
            <translation>가중치 초기화</translation>
        </message>
        <message>
            <source>init_std</source>
            <translation>초기화 표준편차</translation>
        </message>
        <message>
            <source>bias</source>
            <translation>편향</translation>
        </message>
        <message>
            <source>bias_init</source>
            <translation>편향 초깃값</translation>
        </message>
        <message>
            <source>l1</source>
            <translation>L1 규제</translation>
        </message>
        <message>
            <source>l2</source>
            <translation>L2 규제</translation>
        </message>
    </context>
    <context>
        <name>node:Dataset</name>
        <message>
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <source>Where inputs and targets come from: 2D toys, iris, digits, MNIST or your own file.</source>
            <translation>입력과 타깃을 가져오는 곳: 2D 예제, iris, digits, MNIST 또는 직접 만든 파일.</translation>
        </message>
        <message>
            <source>Which data to train on</source>
            <translation>학습할 데이터</translation>
        </message>
        <message>
            <source>Number of samples (0: 500 for the 2D toys, everything for real data)</source>
            <translation>샘플 수 (0: 2D 예제는 500개, 실제 데이터는 전부)</translation>
        </message>
        <message>
            <source>Noise of the 2D toys, as a fraction (TF Playground's 0-50 %)</source>
            <translation>2D 예제의 잡음 비율 (TF Playground의 0-50 %)</translation>
        </message>
        <message>
            <source>Share of samples held out for validation</source>
            <translation>검증 데이터로 떼어 두는 샘플 비율</translation>
        </message>
        <message>
            <source>Seed of the generator and of the train/validation split</source>
            <translation>생성기와 학습/검증 분할의 시드</translation>
        </message>
        <message>
            <source>csv/idx/npz: the data file (relative to the preset's folder)</source>
            <translation>csv/idx/npz: 데이터 파일 (프리셋 폴더 기준 경로)</translation>
        </message>
        <message>
            <source>idx: the labels file</source>
            <translation>idx: 레이블 파일</translation>
        </message>
        <message>
            <source>csv: which column holds the label (negative counts from the end)</source>
            <translation>csv: 레이블이 있는 열 (음수는 끝에서부터)</translation>
        </message>
        <message>
            <source>Time steps per sequence (T)</source>
            <translation>시퀀스당 타임 스텝 수 (T)</translation>
        </message>
        <message>
            <source>remember_first: how many different symbols (the classes)</source>
            <translation>remember_first: 서로 다른 기호의 수 (클래스 수)</translation>
        </message>
        <message>
            <source>remember_first: standard deviation of the Gaussian noise added to every step after the first (0: clean symbols); LSTM and GRU gates can shut it out, a SimpleRNN cannot</source>
            <translation>remember_first: 첫 단계 뒤의 모든 단계에 더하는 가우시안 잡음의 표준편차 (0: 깨끗한 기호); LSTM과 GRU는 게이트로 막아 낼 수 있지만 SimpleRNN은 그러지 못합니다</translation>
        </message>
        <message>
            <source>The drawn points: edit them in the Decision boundary view</source>
            <translation>직접 그린 점: 결정 경계 화면에서 편집하세요</translation>
        </message>
        <message>
            <source>skipgram/cbow: your own UTF-8 text file (empty: the built-in corpus); one sentence a line or prose</source>
            <translation>skipgram/cbow: 직접 만든 UTF-8 텍스트 파일 (비우면 내장 말뭉치). 한 줄에 한 문장 또는 일반 문장</translation>
        </message>
        <message>
            <source>skipgram/cbow: how many words either side count as context</source>
            <translation>skipgram/cbow: 양옆으로 몇 단어까지 문맥으로 볼지</translation>
        </message>
        <message>
            <source>text_*: your own UTF-8 file of 'label&lt;TAB&gt;text' lines (empty: the built-in reviews)</source>
            <translation>text_*: 'label&lt;TAB&gt;text' 줄로 된 직접 만든 UTF-8 파일 (비우면 내장 리뷰)</translation>
        </message>
        <message>
            <source>text_tokens: ids per text, shorter texts padded with 0 and longer ones cut (0: the longest text)</source>
            <translation>text_tokens: 텍스트당 토큰 수. 짧은 텍스트는 0으로 채우고 긴 것은 자릅니다 (0: 가장 긴 텍스트에 맞춤)</translation>
        </message>
        <message>
            <source>GAN targets: standard deviation of each mode (or of the noise around the moons and the line)</source>
            <translation>GAN 타깃: 각 모드의 표준편차 (moons와 line은 둘레 잡음의 표준편차)</translation>
        </message>
        <message>
            <source>gan_digits: which digit the real images show (all: the ten of them)</source>
            <translation>gan_digits: 진짜 이미지가 보여 줄 숫자 (all: 10개 숫자 모두)</translation>
        </message>
        <message>
            <source>2D data: feed x₁ to the network</source>
            <translation>2D 데이터: 신경망에 x₁ 넣기</translation>
        </message>
        <message>
            <source>2D data: feed x₂ to the network</source>
            <translation>2D 데이터: 신경망에 x₂ 넣기</translation>
        </message>
        <message>
            <source>2D data: feed x₁² to the network</source>
            <translation>2D 데이터: 신경망에 x₁² 넣기</translation>
        </message>
        <message>
            <source>2D data: feed x₂² to the network</source>
            <translation>2D 데이터: 신경망에 x₂² 넣기</translation>
        </message>
        <message>
            <source>2D data: feed x₁x₂ to the network</source>
            <translation>2D 데이터: 신경망에 x₁x₂ 넣기</translation>
        </message>
        <message>
            <source>2D data: feed sin(x₁) to the network</source>
            <translation>2D 데이터: 신경망에 sin(x₁) 넣기</translation>
        </message>
        <message>
            <source>2D data: feed sin(x₂) to the network</source>
            <translation>2D 데이터: 신경망에 sin(x₂) 넣기</translation>
        </message>
        <message>
            <source>source</source>
            <translation>데이터</translation>
        </message>
        <message>
            <source>samples</source>
            <translation>샘플 수</translation>
        </message>
        <message>
            <source>noise</source>
            <translation>잡음</translation>
        </message>
        <message>
            <source>val_fraction</source>
            <translation>검증 비율</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>path</source>
            <translation>데이터 파일</translation>
        </message>
        <message>
            <source>labels_path</source>
            <translation>레이블 파일</translation>
        </message>
        <message>
            <source>label_column</source>
            <translation>레이블 열</translation>
        </message>
        <message>
            <source>length</source>
            <translation>길이</translation>
        </message>
        <message>
            <source>symbols</source>
            <translation>기호 수</translation>
        </message>
        <message>
            <source>distractor_noise</source>
            <translation>방해 잡음</translation>
        </message>
        <message>
            <source>points</source>
            <translation>점</translation>
        </message>
        <message>
            <source>text_path</source>
            <translation>말뭉치 파일</translation>
        </message>
        <message>
            <source>window</source>
            <translation>윈도우 크기</translation>
        </message>
        <message>
            <source>texts_path</source>
            <translation>텍스트 파일</translation>
        </message>
        <message>
            <source>max_len</source>
            <translation>최대 길이</translation>
        </message>
        <message>
            <source>spread</source>
            <translation>퍼짐</translation>
        </message>
        <message>
            <source>digit</source>
            <translation>숫자</translation>
        </message>
        <message>
            <source>x1</source>
            <translation>x₁</translation>
        </message>
        <message>
            <source>x2</source>
            <translation>x₂</translation>
        </message>
        <message>
            <source>x1_sq</source>
            <translation>x₁²</translation>
        </message>
        <message>
            <source>x2_sq</source>
            <translation>x₂²</translation>
        </message>
        <message>
            <source>x1_x2</source>
            <translation>x₁x₂</translation>
        </message>
        <message>
            <source>sin_x1</source>
            <translation>sin(x₁)</translation>
        </message>
        <message>
            <source>sin_x2</source>
            <translation>sin(x₂)</translation>
        </message>
        <message>
            <source>Samples</source>
            <translation>샘플 수</translation>
        </message>
        <message>
            <source>Noise</source>
            <translation>잡음</translation>
        </message>
        <message>
            <source>Validation</source>
            <translation>검증 비율</translation>
        </message>
    </context>
    <context>
        <name>node:Dense</name>
        <message>
            <source>Dense</source>
            <translation>완전 연결층</translation>
        </message>
        <message>
            <source>Fully connected layer: every output is a weighted sum of every input plus a bias (on a sequence, the same layer at every time step).</source>
            <translation>완전 연결층(Dense 층): 출력 하나하나가 모든 입력의 가중합에 편향을 더한 값입니다 (시퀀스에는 타임 스텝마다 같은 층을 적용).</translation>
        </message>
        <message>
            <source>Number of output units</source>
            <translation>출력 유닛 수</translation>
        </message>
        <message>
            <source>Weight initialiser: xavier (Glorot uniform), he (He normal, for ReLU) or gaussian</source>
            <translation>가중치 초기화: xavier (Glorot 균등), he (He 정규, ReLU용) 또는 gaussian (가우시안)</translation>
        </message>
        <message>
            <source>Standard deviation of the gaussian initialiser</source>
            <translation>가우시안 초기화의 표준편차</translation>
        </message>
        <message>
            <source>Learn a bias per output (initialised to bias_init)</source>
            <translation>출력마다 편향을 학습 (bias_init으로 초기화)</translation>
        </message>
        <message>
            <source>Initial value of every bias</source>
            <translation>모든 편향의 초깃값</translation>
        </message>
        <message>
            <source>L1 regularisation rate: adds l1 * sum|w| to the loss (pushes weights to 0)</source>
            <translation>L1 규제 비율: 손실에 l1 * sum|w|를 더합니다 (가중치를 0으로 밀어냄)</translation>
        </message>
        <message>
            <source>L2 regularisation rate: adds l2 * sum(w²) to the loss (keeps weights small)</source>
            <translation>L2 규제 비율: 손실에 l2 * sum(w²)를 더합니다 (가중치를 작게 유지)</translation>
        </message>
        <message>
            <source>units</source>
            <translation>유닛 수</translation>
        </message>
        <message>
            <source>init</source>
            <translation>가중치 초기화</translation>
        </message>
        <message>
            <source>init_std</source>
            <translation>초기화 표준편차</translation>
        </message>
        <message>
            <source>bias</source>
            <translation>편향</translation>
        </message>
        <message>
            <source>bias_init</source>
            <translation>편향 초깃값</translation>
        </message>
        <message>
            <source>l1</source>
            <translation>L1 규제</translation>
        </message>
        <message>
            <source>l2</source>
            <translation>L2 규제</translation>
        </message>
    </context>
    <context>
        <name>node:Dropout</name>
        <message>
            <source>Dropout</source>
            <translation>드롭아웃</translation>
        </message>
        <message>
            <source>During training, zeroes each unit with probability rate (and rescales the rest).</source>
            <translation>학습하는 동안 각 유닛을 확률 rate로 0으로 만들고 (나머지는 크기를 다시 맞춥니다).</translation>
        </message>
        <message>
            <source>Probability of dropping a unit</source>
            <translation>유닛을 떨어뜨릴 확률</translation>
        </message>
        <message>
            <source>rate</source>
            <translation>비율</translation>
        </message>
    </context>
    <context>
        <name>node:ELU</name>
        <message>
            <source>ELU</source>
            <translation>지수 선형 유닛</translation>
        </message>
        <message>
            <source>x for x &gt; 0, alpha (e^x - 1) otherwise: smooth, with negative outputs.</source>
            <translation>x &gt; 0이면 x, 아니면 alpha (e^x - 1): 매끄럽고 음수 출력도 있습니다.</translation>
        </message>
        <message>
            <source>Scale of the negative part</source>
            <translation>음수 부분의 크기</translation>
        </message>
        <message>
            <source>alpha</source>
            <translation>alpha</translation>
        </message>
    </context>
    <context>
        <name>node:Embedding</name>
        <message>
            <source>Embedding</source>
            <translation>임베딩층</translation>
        </message>
        <message>
            <source>Looks each token id up in a learned table: a sequence of ids (time) becomes a sequence of vectors (time x dimension). Words used alike end up with similar vectors.</source>
            <translation>토큰 인덱스마다 학습되는 표에서 벡터를 찾아옵니다: 인덱스 시퀀스(시간)가 벡터 시퀀스(시간 x 차원)가 됩니다. 비슷하게 쓰이는 단어는 비슷한 벡터를 갖게 됩니다.</translation>
        </message>
        <message>
            <source>Number of tokens in the vocabulary (ids 0..vocab_size-1)</source>
            <translation>어휘의 토큰 수 (인덱스 0..vocab_size-1)</translation>
        </message>
        <message>
            <source>Length of each token's vector</source>
            <translation>토큰 벡터의 길이</translation>
        </message>
        <message>
            <source>Standard deviation of the initial vectors (gaussian)</source>
            <translation>초기 벡터의 표준편차 (가우시안)</translation>
        </message>
        <message>
            <source>vocab_size</source>
            <translation>어휘 크기</translation>
        </message>
        <message>
            <source>dim</source>
            <translation>임베딩 차원</translation>
        </message>
        <message>
            <source>init_std</source>
            <translation>초기화 표준편차</translation>
        </message>
    </context>
    <context>
        <name>node:Flatten</name>
        <message>
            <source>Flatten</source>
            <translation>평탄화</translation>
        </message>
        <message>
            <source>Unrolls an image (channels x height x width) into one flat vector for Dense layers.</source>
            <translation>이미지(채널 x 높이 x 너비)를 완전 연결층에 넣을 수 있게 1차원 벡터로 펼칩니다.</translation>
        </message>
    </context>
    <context>
        <name>node:GANLoss</name>
        <message>
            <source>GAN loss</source>
            <translation>GAN 손실</translation>
        </message>
        <message>
            <source>Scores the discriminator on real vs fake and the generator on fooling it; wire d_loss and g_loss each to its own optimizer. Takes the discriminator's raw score (no sigmoid).</source>
            <translation>판별자는 진짜와 가짜를 가려내는지로, 생성자는 판별자를 속이는지로 채점합니다. d_loss와 g_loss를 각각 자기 옵티마이저에 연결하세요. 판별자의 가공하지 않은 점수를 받습니다 (시그모이드 없이).</translation>
        </message>
        <message>
            <source>minimax: cross-entropy, the generator maximises log D(fake) (non-saturating); least_squares: D(real) -&gt; 1, D(fake) -&gt; 0, the generator pushes D(fake) -&gt; 1</source>
            <translation>minimax: 크로스 엔트로피, 생성자는 log D(fake)를 최대화 (포화되지 않는 형태); least_squares: D(real) -&gt; 1, D(fake) -&gt; 0, 생성자는 D(fake)를 1로 밀어 올림</translation>
        </message>
        <message>
            <source>Discriminator steps for each generator step (k)</source>
            <translation>생성자 한 스텝마다 판별자 스텝 수 (k)</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>종류</translation>
        </message>
        <message>
            <source>d_steps</source>
            <translation>판별자 스텝 수</translation>
        </message>
    </context>
    <context>
        <name>node:GELU</name>
        <message>
            <source>Gaussian error linear unit</source>
            <translation>가우시안 오차 선형 유닛</translation>
        </message>
        <message>
            <source>x Phi(x), Phi the standard normal CDF: a smooth ReLU that lets small negative values through; the activation of BERT and GPT.</source>
            <translation>x Phi(x), Phi는 표준 정규 분포의 누적 분포 함수: 작은 음수도 통과시키는 매끄러운 ReLU. BERT와 GPT의 활성화 함수.</translation>
        </message>
    </context>
    <context>
        <name>node:GRU</name>
        <message>
            <source>GRU</source>
            <translation>GRU</translation>
        </message>
        <message>
            <source>Gated recurrent unit: an update gate mixes the old state with a candidate, a reset gate decides how much of the old state the candidate sees. Fewer weights than LSTM; the update gate starts leaning to keep (bias 1).</source>
            <translation>게이트 순환 유닛: 업데이트 게이트가 이전 상태와 후보 상태를 섞고, 리셋 게이트가 후보가 이전 상태를 얼마나 볼지 정합니다. LSTM보다 가중치가 적고, 업데이트 게이트는 처음에 유지 쪽으로 기울어 있습니다 (편향 1).</translation>
        </message>
        <message>
            <source>Size of the hidden state (memory) carried from step to step</source>
            <translation>스텝마다 이어지는 은닉 상태(메모리)의 크기</translation>
        </message>
        <message>
            <source>Output the hidden state at every time step (time x units) instead of only the last one (units)</source>
            <translation>마지막 스텝의 은닉 상태(units)만이 아니라 모든 타임 스텝의 은닉 상태(time x units)를 출력합니다</translation>
        </message>
        <message>
            <source>units</source>
            <translation>유닛 수</translation>
        </message>
        <message>
            <source>return_sequences</source>
            <translation>시퀀스 전체 출력</translation>
        </message>
    </context>
    <context>
        <name>node:LSTM</name>
        <message>
            <source>LSTM</source>
            <translation>LSTM</translation>
        </message>
        <message>
            <source>Long short-term memory: a cell state that input, forget and output gates write, keep and read, so it can remember over many steps. The forget gate starts open (bias 1).</source>
            <translation>장단기 메모리: 입력, 망각, 출력 게이트가 셀 상태에 쓰고, 유지하고, 읽어서 여러 스텝에 걸쳐 기억할 수 있습니다. 망각 게이트는 처음에 열려 있습니다 (편향 1).</translation>
        </message>
        <message>
            <source>Size of the hidden state (memory) carried from step to step</source>
            <translation>스텝마다 이어지는 은닉 상태(메모리)의 크기</translation>
        </message>
        <message>
            <source>Output the hidden state at every time step (time x units) instead of only the last one (units)</source>
            <translation>마지막 스텝의 은닉 상태(units)만이 아니라 모든 타임 스텝의 은닉 상태(time x units)를 출력합니다</translation>
        </message>
        <message>
            <source>units</source>
            <translation>유닛 수</translation>
        </message>
        <message>
            <source>return_sequences</source>
            <translation>시퀀스 전체 출력</translation>
        </message>
    </context>
    <context>
        <name>node:LeakyReLU</name>
        <message>
            <source>LeakyReLU</source>
            <translation>누수 ReLU</translation>
        </message>
        <message>
            <source>x for x &gt; 0, alpha x otherwise: a small slope keeps negative units alive.</source>
            <translation>x &gt; 0이면 x, 아니면 alpha x: 작은 기울기가 음수 쪽 유닛을 살려 둡니다 (죽은 ReLU 방지).</translation>
        </message>
        <message>
            <source>Slope for negative inputs</source>
            <translation>음수 입력의 기울기</translation>
        </message>
        <message>
            <source>alpha</source>
            <translation>alpha</translation>
        </message>
    </context>
    <context>
        <name>node:Linear</name>
        <message>
            <source>Linear</source>
            <translation>선형 (항등)</translation>
        </message>
        <message>
            <source>The identity, y = x: no non-linearity (stacked linear layers stay linear).</source>
            <translation>항등 함수 y = x: 비선형성이 없습니다 (선형 층을 쌓아도 선형입니다).</translation>
        </message>
    </context>
    <context>
        <name>node:MSE</name>
        <message>
            <source>Mean squared error</source>
            <translation>평균 제곱 오차</translation>
        </message>
        <message>
            <source>mean((prediction - target)^2): for regression; on classes it scores one-hot targets.</source>
            <translation>mean((예측값 - 실제값)^2): 회귀용. 분류에 쓰면 원핫 타깃과 비교합니다.</translation>
        </message>
    </context>
    <context>
        <name>node:MaxPool2D</name>
        <message>
            <source>MaxPool2D</source>
            <translation>최대 풀링</translation>
        </message>
        <message>
            <source>Keeps the largest value of each window: downsamples while keeping strong responses.</source>
            <translation>창마다 가장 큰 값을 남깁니다: 강한 반응을 지키며 다운샘플링합니다.</translation>
        </message>
        <message>
            <source>Pooling window size (size x size)</source>
            <translation>풀링 창 크기 (size x size)</translation>
        </message>
        <message>
            <source>Step between windows (0: same as size)</source>
            <translation>창 사이 간격 (스트라이드, 0: size와 같음)</translation>
        </message>
        <message>
            <source>size</source>
            <translation>창 크기</translation>
        </message>
        <message>
            <source>stride</source>
            <translation>스트라이드</translation>
        </message>
    </context>
    <context>
        <name>node:MeanOverTime</name>
        <message>
            <source>Mean over time</source>
            <translation>시간 평균</translation>
        </message>
        <message>
            <source>Averages a sequence (time x features) over time into one feature vector, as Keras's GlobalAveragePooling1D: a bag of word vectors becomes one vector for a Dense layer.</source>
            <translation>시퀀스(시간 x 특징)를 시간 축으로 평균 내어 특징 벡터 하나로 만듭니다. Keras의 GlobalAveragePooling1D와 같습니다: 단어 벡터 묶음이 Dense 층에 넣을 벡터 하나가 됩니다.</translation>
        </message>
    </context>
    <context>
        <name>node:MinPool2D</name>
        <message>
            <source>MinPool2D</source>
            <translation>최소 풀링</translation>
        </message>
        <message>
            <source>Keeps the smallest value of each window.</source>
            <translation>창마다 가장 작은 값을 남깁니다.</translation>
        </message>
        <message>
            <source>Pooling window size (size x size)</source>
            <translation>풀링 창 크기 (size x size)</translation>
        </message>
        <message>
            <source>Step between windows (0: same as size)</source>
            <translation>창 사이 간격 (스트라이드, 0: size와 같음)</translation>
        </message>
        <message>
            <source>size</source>
            <translation>창 크기</translation>
        </message>
        <message>
            <source>stride</source>
            <translation>스트라이드</translation>
        </message>
    </context>
    <context>
        <name>node:Momentum</name>
        <message>
            <source>Momentum</source>
            <translation>모멘텀</translation>
        </message>
        <message>
            <source>Gradient descent with velocity: v = mu v + g; w -= lr v. Rolls through ravines.</source>
            <translation>속도를 가진 경사하강법: v = mu v + g; w -= lr v. 좁은 골짜기를 굴러 지나갑니다.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Share of the previous step kept (velocity)</source>
            <translation>이전 스텝을 남기는 비율 (속도)</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>momentum</source>
            <translation>모멘텀</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
    </context>
    <context>
        <name>node:Nesterov</name>
        <message>
            <source>Nesterov</source>
            <translation>네스테로프</translation>
        </message>
        <message>
            <source>Momentum that looks ahead: the step uses g + mu v.</source>
            <translation>앞을 내다보는 모멘텀: 스텝에 g + mu v를 씁니다.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Share of the previous step kept (velocity)</source>
            <translation>이전 스텝을 남기는 비율 (속도)</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>momentum</source>
            <translation>모멘텀</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
    </context>
    <context>
        <name>node:Noise</name>
        <message>
            <source>Noise</source>
            <translation>잡음</translation>
        </message>
        <message>
            <source>Random latent vectors z for a generator: each step draws a fresh batch.</source>
            <translation>생성자에 넣을 무작위 잠재 벡터 z: 스텝마다 새 배치를 뽑습니다.</translation>
        </message>
        <message>
            <source>Length of each latent vector</source>
            <translation>잠재 벡터 하나의 길이</translation>
        </message>
        <message>
            <source>normal: N(0, 1) per entry; uniform: U(-1, 1) per entry</source>
            <translation>normal: 원소마다 N(0, 1); uniform: 원소마다 U(-1, 1)</translation>
        </message>
        <message>
            <source>size</source>
            <translation>창 크기</translation>
        </message>
        <message>
            <source>distribution</source>
            <translation>분포</translation>
        </message>
    </context>
    <context>
        <name>node:PReLU</name>
        <message>
            <source>PReLU</source>
            <translation>파라메트릭 ReLU</translation>
        </message>
        <message>
            <source>LeakyReLU whose negative slope is learned.</source>
            <translation>음수 쪽 기울기를 학습하는 LeakyReLU.</translation>
        </message>
        <message>
            <source>Initial slope for negative inputs</source>
            <translation>음수 입력 기울기의 초깃값</translation>
        </message>
        <message>
            <source>alpha</source>
            <translation>alpha</translation>
        </message>
    </context>
    <context>
        <name>node:RMSProp</name>
        <message>
            <source>RMSProp</source>
            <translation>RMSProp</translation>
        </message>
        <message>
            <source>Divides each step by a moving RMS of recent gradients: AdaGrad that forgets.</source>
            <translation>스텝을 최근 기울기의 이동 RMS로 나눕니다: 잊어버리는 AdaGrad.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>Smoothing of the squared-gradient average</source>
            <translation>기울기 제곱 평균의 평활화</translation>
        </message>
        <message>
            <source>Added to the denominator for stability</source>
            <translation>안정성을 위해 분모에 더하는 값</translation>
        </message>
        <message>
            <source>Optional momentum on the scaled step</source>
            <translation>조절된 스텝에 더하는 모멘텀 (선택)</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
        <message>
            <source>alpha</source>
            <translation>alpha</translation>
        </message>
        <message>
            <source>eps</source>
            <translation>eps</translation>
        </message>
        <message>
            <source>momentum</source>
            <translation>모멘텀</translation>
        </message>
    </context>
    <context>
        <name>node:ReLU</name>
        <message>
            <source>ReLU</source>
            <translation>정류 선형 유닛</translation>
        </message>
        <message>
            <source>max(0, x): gradient 1 for positive inputs, 0 otherwise (units can 'die').</source>
            <translation>max(0, x): 양수 입력의 기울기는 1, 아니면 0 (유닛이 '죽을' 수 있습니다).</translation>
        </message>
    </context>
    <context>
        <name>node:RealFake</name>
        <message>
            <source>Real or fake</source>
            <translation>진짜 또는 가짜</translation>
        </message>
        <message>
            <source>Feeds the discriminator real samples (from the Dataset) and the generator's fakes: the layers after it judge both with the same weights.</source>
            <translation>판별자에게 진짜 샘플(데이터셋에서)과 생성자의 가짜 샘플을 함께 넣습니다: 뒤의 층들이 같은 가중치로 둘 다 판정합니다.</translation>
        </message>
    </context>
    <context>
        <name>node:SGD</name>
        <message>
            <source>SGD</source>
            <translation>SGD</translation>
        </message>
        <message>
            <source>Plain gradient descent: w -= lr * gradient.</source>
            <translation>기본 경사하강법: w -= lr * 기울기.</translation>
        </message>
        <message>
            <source>Learning rate: the size of each step</source>
            <translation>학습률: 한 스텝의 크기</translation>
        </message>
        <message>
            <source>Samples per step: 1 = SGD, the whole set = full-batch GD, anything between = mini-batch</source>
            <translation>배치 크기(스텝당 샘플 수): 1 = 확률적 경사하강법(SGD), 전체 = 배치 경사하강법, 그 사이 = 미니 배치</translation>
        </message>
        <message>
            <source>Passes over the training data</source>
            <translation>학습 데이터를 몇 번 훑을지 (에포크 수)</translation>
        </message>
        <message>
            <source>Seed of the weight initialisation and of the batch order</source>
            <translation>가중치 초기화와 배치 순서의 시드</translation>
        </message>
        <message>
            <source>L2 penalty added to the gradient (wd * weight)</source>
            <translation>기울기에 더하는 L2 벌점 (wd * 가중치)</translation>
        </message>
        <message>
            <source>Gradient clipping: scale all gradients down together when their global norm exceeds this (0: off); long sequences need it</source>
            <translation>기울기 클리핑: 전체 기울기의 노름이 이 값을 넘으면 모든 기울기를 같은 비율로 줄입니다 (0: 끔). 긴 시퀀스에는 꼭 필요합니다</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>batch_size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>weight_decay</source>
            <translation>가중치 감쇠</translation>
        </message>
        <message>
            <source>clip_norm</source>
            <translation>클립 노름</translation>
        </message>
    </context>
    <context>
        <name>node:Sigmoid</name>
        <message>
            <source>Sigmoid</source>
            <translation>시그모이드</translation>
        </message>
        <message>
            <source>1 / (1 + e^-x): squashes to (0, 1); its gradient is at most 0.25, so deep stacks vanish.</source>
            <translation>1 / (1 + e^-x): (0, 1)로 눌러 담습니다. 기울기가 최대 0.25라 깊이 쌓으면 기울기 소실이 생깁니다.</translation>
        </message>
    </context>
    <context>
        <name>node:SimpleRNN</name>
        <message>
            <source>SimpleRNN</source>
            <translation>SimpleRNN</translation>
        </message>
        <message>
            <source>Recurrent layer: h_t = tanh(x_t W + h_(t-1) U + b). Its memory fades quickly, so it struggles with long-range dependencies.</source>
            <translation>순환 층: h_t = tanh(x_t W + h_(t-1) U + b). 기억이 빨리 흐려져서 멀리 떨어진 의존 관계를 잘 배우지 못합니다.</translation>
        </message>
        <message>
            <source>Size of the hidden state (memory) carried from step to step</source>
            <translation>스텝마다 이어지는 은닉 상태(메모리)의 크기</translation>
        </message>
        <message>
            <source>Nonlinearity of the hidden state: tanh or relu</source>
            <translation>은닉 상태의 비선형 함수: tanh 또는 relu</translation>
        </message>
        <message>
            <source>Output the hidden state at every time step (time x units) instead of only the last one (units)</source>
            <translation>마지막 스텝의 은닉 상태(units)만이 아니라 모든 타임 스텝의 은닉 상태(time x units)를 출력합니다</translation>
        </message>
        <message>
            <source>units</source>
            <translation>유닛 수</translation>
        </message>
        <message>
            <source>activation</source>
            <translation>활성화 값</translation>
        </message>
        <message>
            <source>return_sequences</source>
            <translation>시퀀스 전체 출력</translation>
        </message>
    </context>
    <context>
        <name>node:Softmax</name>
        <message>
            <source>Softmax</source>
            <translation>소프트맥스</translation>
        </message>
        <message>
            <source>e^x_i / sum e^x_j: turns scores into class probabilities that sum to 1.</source>
            <translation>e^x_i / sum e^x_j: 점수를 합이 1인 클래스 확률로 바꿉니다.</translation>
        </message>
    </context>
    <context>
        <name>node:SparseCCE</name>
        <message>
            <source>Sparse categorical cross-entropy</source>
            <translation>희소 범주형 크로스 엔트로피</translation>
        </message>
        <message>
            <source>Categorical cross-entropy that takes integer class labels instead of one-hot rows.</source>
            <translation>원핫 벡터 대신 정수 클래스 레이블을 받는 범주형 크로스 엔트로피.</translation>
        </message>
    </context>
    <context>
        <name>node:Swish</name>
        <message>
            <source>Sigmoid-weighted linear unit (SiLU)</source>
            <translation>시그모이드 가중 선형 유닛 (SiLU)</translation>
        </message>
        <message>
            <source>x sigmoid(x): smooth and non-monotonic, dips slightly below 0 for negative inputs.</source>
            <translation>x sigmoid(x): 매끄럽고 단조롭지 않으며, 음수 입력에서 0보다 조금 내려갑니다.</translation>
        </message>
    </context>
    <context>
        <name>node:Tanh</name>
        <message>
            <source>Tanh</source>
            <translation>하이퍼볼릭 탄젠트</translation>
        </message>
        <message>
            <source>tanh x: squashes to (-1, 1), zero-centred; saturates for large |x|.</source>
            <translation>tanh x: (-1, 1)로 눌러 담고 0을 중심으로 합니다. |x|가 크면 포화됩니다.</translation>
        </message>
    </context>
    <context>
        <name>shell.actions</name>
        <message>
            <source>&amp;Editor</source>
            <translation>편집기</translation>
        </message>
        <message>
            <source>&amp;Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>&amp;Compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>Build the network: node palette, canvas and Inspector</source>
            <translation>신경망 만들기: 노드 팔레트, 캔버스, 인스펙터</translation>
        </message>
        <message>
            <source>Watch it learn: the live plots get most of the window</source>
            <translation>배우는 모습 보기: 실시간 그래프가 창 대부분을 차지합니다</translation>
        </message>
        <message>
            <source>Compare optimizers side by side, or race them on a loss surface</source>
            <translation>옵티마이저를 나란히 비교하거나 손실 곡면에서 경주시킵니다</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>다시 실행</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>실행 취소</translation>
        </message>
        <message>
            <source>Nothing to {lower}</source>
            <translation>{lower}할 항목 없음</translation>
        </message>
        <message>
            <source>{title} view</source>
            <translation>{title} 화면</translation>
        </message>
        <message>
            <source>&amp;New</source>
            <translation>새로 만들기</translation>
        </message>
        <message>
            <source>Start an empty graph</source>
            <translation>빈 그래프로 시작합니다</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>열기…</translation>
        </message>
        <message>
            <source>Open a preset file</source>
            <translation>프리셋 파일을 엽니다</translation>
        </message>
        <message>
            <source>Preset &amp;library…</source>
            <translation>프리셋 라이브러리…</translation>
        </message>
        <message>
            <source>Open one of the bundled presets</source>
            <translation>기본 제공 프리셋 중 하나를 엽니다</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>저장</translation>
        </message>
        <message>
            <source>Save the preset</source>
            <translation>프리셋을 저장합니다</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>다른 이름으로 저장…</translation>
        </message>
        <message>
            <source>Save under a new name</source>
            <translation>새 이름으로 저장합니다</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>끝내기</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>잘라내기</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>복사</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>붙여넣기</translation>
        </message>
        <message>
            <source>D&amp;uplicate</source>
            <translation>복제</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>삭제</translation>
        </message>
        <message>
            <source>Delete the selected nodes and wires</source>
            <translation>선택한 노드와 연결선을 삭제합니다</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>모두 선택</translation>
        </message>
        <message>
            <source>&amp;Auto-layout</source>
            <translation>자동 배치</translation>
        </message>
        <message>
            <source>Arrange the nodes in layers, top to bottom</source>
            <translation>노드를 위에서 아래로 층별로 정렬합니다</translation>
        </message>
        <message>
            <source>&amp;Fit View</source>
            <translation>전체 보기</translation>
        </message>
        <message>
            <source>Show the whole graph</source>
            <translation>그래프 전체를 보여 줍니다</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>확대</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>축소</translation>
        </message>
        <message>
            <source>&amp;Reset layout</source>
            <translation>배치 초기화</translation>
        </message>
        <message>
            <source>Put every view's panels back where they start</source>
            <translation>모든 화면의 패널을 처음 위치로 되돌립니다</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>편집(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>최근 파일</translation>
        </message>
        <message>
            <source>Views</source>
            <translation>화면</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>편집</translation>
        </message>
    </context>
    <context>
        <name>training.controller</name>
        <message>
            <source>D loss {value:.4f}</source>
            <translation>D 손실 {value:.4f}</translation>
        </message>
        <message>
            <source>G loss {value:.4f}</source>
            <translation>G 손실 {value:.4f}</translation>
        </message>
        <message>
            <source>{status} after {steps:,} steps: {losses}</source>
            <translation>{steps:,} 스텝 후 {status}: {losses}</translation>
        </message>
        <message>
            <source>{status} after {steps:,} steps</source>
            <translation>{steps:,} 스텝 후 {status}</translation>
        </message>
        <message>
            <source>, validation accuracy {val_accuracy:.3f}</source>
            <translation>, 검증 정확도 {val_accuracy:.3f}</translation>
        </message>
        <message>
            <source>{status} after {steps:,} steps: validation loss {val_loss:.4f}{acc}</source>
            <translation>{steps:,} 스텝 후 {status}: 검증 손실 {val_loss:.4f}{acc}</translation>
        </message>
    </context>
    <context>
        <name>training.speed</name>
        <message>
            <source>Max speed</source>
            <translation>최대 속도</translation>
        </message>
        <message>
            <source>{speed:g} steps/s</source>
            <translation>초당 {speed:g} 스텝</translation>
        </message>
    </context>
</TS>
