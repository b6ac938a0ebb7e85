<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ko_KR">
<context>
    <name>pharmdesk::ui</name>
    <message>
        <source>교부일</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>교부번호</source>
        <translation>Issue no.</translation>
    </message>
    <message>
        <source>사용기간(일)</source>
        <translation>Valid (days)</translation>
    </message>
    <message>
        <source>의료기관</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>요양기관기호</source>
        <translation>Institution code</translation>
    </message>
    <message>
        <source>전화번호</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>처방의</source>
        <translation>Prescriber</translation>
    </message>
    <message>
        <source>면허종별</source>
        <translation>Licence type</translation>
    </message>
    <message>
        <source>면허번호</source>
        <translation>Licence no.</translation>
    </message>
    <message>
        <source>환자 성명</source>
        <translation>Patient name</translation>
    </message>
    <message>
        <source>주민등록번호</source>
        <translation>Resident reg. no.</translation>
    </message>
    <message>
        <source>질병분류기호</source>
        <translation>Diagnosis codes</translation>
    </message>
    <message>
        <source>인식 신뢰도 낮음</source>
        <translation>Low recognition confidence</translation>
    </message>
    <message>
        <source>값을 읽지 못함</source>
        <translation>Value not read</translation>
    </message>
    <message>
        <source>형식이 올바르지 않음</source>
        <translation>Malformed value</translation>
    </message>
    <message>
        <source>있을 수 없는 값</source>
        <translation>Implausible value</translation>
    </message>
    <message>
        <source>약품 DB에 없는 보험코드</source>
        <translation>Insurance code not in the drug database</translation>
    </message>
    <message>
        <source>보험코드와 약품명이 서로 다른 약품을 가리킴</source>
        <translation>Code and name point to different drugs</translation>
    </message>
    <message>
        <source>약품 후보가 여럿이라 정할 수 없음</source>
        <translation>Several candidate drugs, none decided</translation>
    </message>
    <message>
        <source>일치하는 약품 없음</source>
        <translation>No matching drug</translation>
    </message>
    <message>
        <source>투약량 × 횟수 × 일수가 총량과 다름</source>
        <translation>Dose × times × days differs from the printed total</translation>
    </message>
    <message>
        <source>확인 필요</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>인식 신뢰도 %1 (기준 %2)</source>
        <translation>Recognition confidence %1 (threshold %2)</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::AlertsPanel</name>
    <message>
        <source>DUR 요약</source>
        <translation>DUR summary</translation>
    </message>
    <message>
        <source>DUR 경고 목록</source>
        <translation>DUR findings</translation>
    </message>
    <message>
        <source>처방전을 열면 DUR 점검 결과가 여기에 나옵니다.</source>
        <translation>DUR findings appear here once a prescription is open.</translation>
    </message>
    <message>
        <source>병용금기</source>
        <translation>Contraindicated combination</translation>
    </message>
    <message>
        <source>동일성분 중복</source>
        <translation>Same ingredient twice</translation>
    </message>
    <message>
        <source>효능군 중복</source>
        <translation>Therapeutic duplicate</translation>
    </message>
    <message>
        <source>연령금기</source>
        <translation>Age contraindication</translation>
    </message>
    <message>
        <source>노인주의</source>
        <translation>Elderly caution</translation>
    </message>
    <message>
        <source>임부금기</source>
        <translation>Pregnancy contraindication</translation>
    </message>
    <message>
        <source>용량주의</source>
        <translation>Dose caution</translation>
    </message>
    <message>
        <source>투여기간주의</source>
        <translation>Duration caution</translation>
    </message>
    <message>
        <source>분할주의</source>
        <translation>Do not split</translation>
    </message>
    <message>
        <source>점검 자료 없음</source>
        <translation>No rules to check</translation>
    </message>
    <message>
        <source>금기</source>
        <translation>Contraindicated</translation>
    </message>
    <message>
        <source>주의</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>참고</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>%1번 줄</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>DUR 점검: 해당 없음</source>
        <translation>DUR: no findings</translation>
    </message>
    <message>
        <source>DUR 점검: %1건 (금기 %2건)</source>
        <translation>DUR: %1 findings (%2 contraindicated)</translation>
    </message>
    <message>
        <source>DUR 점검: %1건</source>
        <translation>DUR: %1 findings</translation>
    </message>
    <message>
        <source>점검하지 못한 항목 %1종 (자료 없음)</source>
        <translation>%1 kinds not checked (no rules)</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::AppServices</name>
    <message>
        <source>약품 DB를 열 수 없습니다.</source>
        <translation>The drug database cannot be opened.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::BatchImportDialog</name>
    <message>
        <source>일괄 가져오기</source>
        <translation>Batch import</translation>
    </message>
    <message>
        <source>파일 추가(&amp;F)…</source>
        <translation>Add &amp;files…</translation>
    </message>
    <message>
        <source>폴더 추가(&amp;D)…</source>
        <translation>Add fol&amp;der…</translation>
    </message>
    <message>
        <source>처방전 이미지</source>
        <translation>Prescription images</translation>
    </message>
    <message>
        <source>처방전 폴더</source>
        <translation>Prescription folder</translation>
    </message>
    <message>
        <source>가져올 파일</source>
        <translation>Files to import</translation>
    </message>
    <message>
        <source>파일</source>
        <translation>File</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>확인</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>시간</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>일괄 가져오기 진행</source>
        <translation>Batch import progress</translation>
    </message>
    <message>
        <source>남은 시간</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>시작(&amp;S)</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>취소(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>확인 필요 건 검토(&amp;R)</source>
        <translation>&amp;Review flagged ones</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>대기</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>인식 중</source>
        <translation>Recognising</translation>
    </message>
    <message>
        <source>완료</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>확인 필요</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>실패</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>취소됨</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>인식이 중단되었습니다.</source>
        <translation>Recognition was stopped.</translation>
    </message>
    <message>
        <source>%1초</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>남은 시간 약 %1분 %2초 (%3개 남음)</source>
        <translation>About %1 min %2 s left (%3 files)</translation>
    </message>
    <message>
        <source>첫 결과를 기다리는 중… (%1개 남음)</source>
        <translation>Waiting for the first result… (%1 files left)</translation>
    </message>
    <message>
        <source>취소했습니다. 시작을 누르면 남은 %1개를 이어서 읽습니다.</source>
        <translation>Cancelled. Start carries on with the %1 files left.</translation>
    </message>
    <message>
        <source>파일이나 폴더를 추가하세요.</source>
        <translation>Add files or folders.</translation>
    </message>
    <message>
        <source>%1개 중 %2개 완료</source>
        <translation>%2 of %1 done</translation>
    </message>
    <message>
        <source>처방전 이미지 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</source>
        <translation>Prescription images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</translation>
    </message>
    <message>
        <source>%1 — %2/%3</source>
        <translation>%1 — %2/%3</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::CameraCaptureDialog</name>
    <message>
        <source>카메라로 촬영</source>
        <translation>Take a photo with the camera</translation>
    </message>
    <message>
        <source>카메라</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>카메라 미리 보기</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <source>카메라가 없습니다</source>
        <translation>No camera</translation>
    </message>
    <message>
        <source>카메라 상태</source>
        <translation>Camera state</translation>
    </message>
    <message>
        <source>촬영</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>촬영 상태</source>
        <translation>Capture state</translation>
    </message>
    <message>
        <source>카메라(&amp;A):</source>
        <translation>C&amp;amera:</translation>
    </message>
    <message>
        <source>촬영하지 못했습니다: %1</source>
        <translation>The photo could not be taken: %1</translation>
    </message>
    <message>
        <source>카메라 오류: %1</source>
        <translation>Camera error: %1</translation>
    </message>
    <message>
        <source>문서를 화면에 맞춘 뒤 촬영(Space)을 누르세요.</source>
        <translation>Fit the document in the picture, then press Take photo (Space).</translation>
    </message>
    <message>
        <source>카메라를 연결하면 여기에 바로 나타납니다.</source>
        <translation>A camera appears here as soon as it is connected.</translation>
    </message>
    <message>
        <source>카메라를 열 수 없습니다.</source>
        <translation>The camera cannot be opened.</translation>
    </message>
    <message>
        <source>촬영 중…</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <source>카메라 영상을 이미지로 바꿀 수 없습니다.</source>
        <translation>The camera frame could not be turned into an image.</translation>
    </message>
    <message>
        <source>촬영한 이미지(%1 × %2)를 대기열에 넣었습니다.</source>
        <translation>The photo (%1 × %2) was added to the queue.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::CaptureActions</name>
    <message>
        <source>스캐너로 스캔(&amp;S)…</source>
        <translation>&amp;Scan…</translation>
    </message>
    <message>
        <source>카메라로 촬영(&amp;M)…</source>
        <translation>Ca&amp;mera photo…</translation>
    </message>
    <message>
        <source>받은 이미지가 비어 있습니다.</source>
        <translation>The image received is empty.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::CaptureSettingsPage</name>
    <message>
        <source>스캐너</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>처음 찾은 스캐너</source>
        <translation>First scanner found</translation>
    </message>
    <message>
        <source>스캐너 찾기</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <source>스캐너 다시 찾기</source>
        <translation>Look for scanners again</translation>
    </message>
    <message>
        <source>자동 급지기(ADF)에서 여러 장 스캔</source>
        <translation>Scan several sheets from the document feeder (ADF)</translation>
    </message>
    <message>
        <source>카메라</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>스캐너(&amp;S):</source>
        <translation>&amp;Scanner:</translation>
    </message>
    <message>
        <source>카메라(&amp;C):</source>
        <translation>&amp;Camera:</translation>
    </message>
    <message>
        <source>스캐너를 찾는 중…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>스캐너 목록을 읽을 수 없습니다: %1 (%2)</source>
        <translation>The scanner list could not be read: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 (연결되지 않음)</source>
        <translation>%1 (not connected)</translation>
    </message>
    <message>
        <source>스캐너가 없습니다.</source>
        <translation>No scanner.</translation>
    </message>
    <message>
        <source>스캐너 %1대를 찾았습니다.</source>
        <translation>Scanners found: %1.</translation>
    </message>
    <message>
        <source>기본 카메라</source>
        <translation>Default camera</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::CounterRecords</name>
    <message>
        <source>기록 저장소: %1</source>
        <translation>Record store: %1</translation>
    </message>
    <message>
        <source>키 저장소를 열 수 없습니다.</source>
        <translation>The keychain cannot be opened.</translation>
    </message>
    <message>
        <source>기록 저장소가 없습니다.</source>
        <translation>There is no record store.</translation>
    </message>
    <message>
        <source>이미지를 읽을 수 없습니다.</source>
        <translation>The image cannot be read.</translation>
    </message>
    <message>
        <source>이 처방전의 이미지는 기록 저장소에 없습니다.</source>
        <translation>The record store has no image of this prescription.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::DrugNameDelegate</name>
    <message>
        <source>약품명 (이름, 코드 또는 초성으로 찾기)</source>
        <translation>Drug name (search by name, code or initial consonants)</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::EditHistory</name>
    <message>
        <source>편집</source>
        <translation>Edit</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::GuideOutput</name>
    <message>
        <source>안내문 폴더를 만들 수 없습니다.</source>
        <translation>The guide folder cannot be created.</translation>
    </message>
    <message>
        <source>PDF 저장이 중단되었습니다.</source>
        <translation>Saving the PDF was stopped.</translation>
    </message>
    <message>
        <source>복약안내문</source>
        <translation>Medication guide</translation>
    </message>
    <message>
        <source>프린터를 찾을 수 없습니다.</source>
        <translation>No printer found.</translation>
    </message>
    <message>
        <source>기본 프린터가 없습니다.</source>
        <translation>There is no default printer.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::HistoryDialog</name>
    <message>
        <source>처방 기록</source>
        <translation>Prescription history</translation>
    </message>
    <message>
        <source>환자 이름</source>
        <translation>Patient name</translation>
    </message>
    <message>
        <source>의료기관</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>시작일</source>
        <translation>From</translation>
    </message>
    <message>
        <source>종료일</source>
        <translation>To</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>전체</source>
        <translation>All</translation>
    </message>
    <message>
        <source>찾기(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>환자 이름(&amp;P):</source>
        <translation>&amp;Patient name:</translation>
    </message>
    <message>
        <source>의료기관(&amp;I):</source>
        <translation>&amp;Institution:</translation>
    </message>
    <message>
        <source>접수일(&amp;D):</source>
        <translation>Received (&amp;dates):</translation>
    </message>
    <message>
        <source>처방 기록 목록</source>
        <translation>Prescription history list</translation>
    </message>
    <message>
        <source>접수</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>환자</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>주민등록번호</source>
        <translation>Resident reg. no.</translation>
    </message>
    <message>
        <source>교부일</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>약품</source>
        <translation>Drugs</translation>
    </message>
    <message>
        <source>다시 열기(&amp;O)</source>
        <translation>Re&amp;open</translation>
    </message>
    <message>
        <source>안내문 다시 출력(&amp;R)</source>
        <translation>&amp;Reprint guide</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>찾는 중…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>%1건</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <source>약품 이름 또는 코드</source>
        <translation>Drug name or code</translation>
    </message>
    <message>
        <source>약품 이름 일부 또는 9자리 보험코드</source>
        <translation>Part of a drug name or the 9-digit insurance code</translation>
    </message>
    <message>
        <source>약품(&amp;G):</source>
        <translation>Dru&amp;g:</translation>
    </message>
    <message>
        <source>%1 — %2쪽</source>
        <translation>%1 — page %2</translation>
    </message>
    <message>
        <source>파일</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::ImageView</name>
    <message>
        <source>처방전 이미지</source>
        <translation>Prescription images</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::InboxWatcher</name>
    <message>
        <source>받은 편지함 폴더를 만들 수 없습니다: %1</source>
        <translation>The inbox folder cannot be created: %1</translation>
    </message>
    <message>
        <source>받은 편지함 폴더를 감시할 수 없습니다: %1</source>
        <translation>The inbox folder cannot be watched: %1</translation>
    </message>
    <message>
        <source>받은 편지함의 파일을 지울 수 없습니다: %1</source>
        <translation>Cannot remove the file from the inbox: %1</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::MainWindow</name>
    <message>
        <source>처방전 이미지</source>
        <translation>Prescription images</translation>
    </message>
    <message>
        <source>PharmDesk</source>
        <translation>PharmDesk</translation>
    </message>
    <message>
        <source>약품 DB 비어 있음</source>
        <translation>Drug database empty</translation>
    </message>
    <message>
        <source>약품 DB: %1개 품목</source>
        <translation>Drug database: %1 products</translation>
    </message>
    <message>
        <source>약품 DB 오류</source>
        <translation>Drug database error</translation>
    </message>
    <message>
        <source>약품 DB를 열 수 없습니다: %1</source>
        <translation>The drug database cannot be opened: %1</translation>
    </message>
    <message>
        <source>인식 실패: %1</source>
        <translation>Recognition failed: %1</translation>
    </message>
    <message>
        <source>인식 중: %1</source>
        <translation>Recognising: %1</translation>
    </message>
    <message>
        <source>인식이 끝나면 DUR을 점검합니다.</source>
        <translation>DUR is checked once recognition ends.</translation>
    </message>
    <message>
        <source>DUR 점검 중…</source>
        <translation>Checking DUR…</translation>
    </message>
    <message>
        <source>약품 DB가 열리면 DUR을 점검합니다.</source>
        <translation>DUR is checked once the drug database is open.</translation>
    </message>
    <message>
        <source>인식 결과가 없습니다.</source>
        <translation>No recognition result.</translation>
    </message>
    <message>
        <source>인식을 취소했습니다: %1</source>
        <translation>Recognition cancelled: %1</translation>
    </message>
    <message>
        <source>처방전을 인식할 수 없습니다</source>
        <translation>The prescription cannot be recognised</translation>
    </message>
    <message>
        <source>수정되어 다시 확정해야 합니다 (F9).</source>
        <translation>Changed: confirm again (F9).</translation>
    </message>
    <message>
        <source>확인이 필요한 항목이 %1개 남아 있습니다 (F8: 다음 항목).</source>
        <translation>%1 values still need review (F8: next).</translation>
    </message>
    <message>
        <source>약품이 한 줄도 없어 확정할 수 없습니다.</source>
        <translation>No drug lines: nothing to confirm.</translation>
    </message>
    <message>
        <source>확정했습니다. F12: 복약안내문</source>
        <translation>Confirmed. F12: medication guide</translation>
    </message>
    <message>
        <source>먼저 처방을 확정하세요 (F9).</source>
        <translation>Confirm the prescription first (F9).</translation>
    </message>
    <message>
        <source>복약안내문을 만드는 중입니다.</source>
        <translation>A guide is being made.</translation>
    </message>
    <message>
        <source>복약안내문 출력 중…</source>
        <translation>Putting out the guide…</translation>
    </message>
    <message>
        <source>복약안내문 출력 실패: %1</source>
        <translation>Guide output failed: %1</translation>
    </message>
    <message>
        <source>복약안내문을 출력할 수 없습니다</source>
        <translation>The guide cannot be put out</translation>
    </message>
    <message>
        <source>복약안내문: %1 (도착부터 %2초)</source>
        <translation>Guide: %1 (%2 s after arrival)</translation>
    </message>
    <message>
        <source>확인 필요 %1개 항목 (F8: 다음 항목)</source>
        <translation>%1 values need review (F8: next)</translation>
    </message>
    <message>
        <source>모두 확인됨</source>
        <translation>All checked</translation>
    </message>
    <message>
        <source>약품 %1줄 · %2</source>
        <translation>%1 drug lines · %2</translation>
    </message>
    <message>
        <source> · 인식 %1초</source>
        <translation> · recognised in %1 s</translation>
    </message>
    <message>
        <source>대기열: 인식 중 %1 · 검토 대기 %2 · 확정 %3 · 출력 %4</source>
        <translation>Queue: recognising %1 · to review %2 · confirmed %3 · printed %4</translation>
    </message>
    <message>
        <source>확인이 필요한 항목이 없습니다. F9: 확정</source>
        <translation>Nothing needs review. F9: confirm</translation>
    </message>
    <message>
        <source>인식 취소 중…</source>
        <translation>Cancelling recognition…</translation>
    </message>
    <message>
        <source>%1[*] — PharmDesk</source>
        <translation>%1[*] — PharmDesk</translation>
    </message>
    <message>
        <source>처방전 대기열</source>
        <translation>Prescription queue</translation>
    </message>
    <message>
        <source>DUR 점검</source>
        <translation>DUR check</translation>
    </message>
    <message>
        <source>열기(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>이미지 붙여넣기(&amp;V)</source>
        <translation>Paste image</translation>
    </message>
    <message>
        <source>일괄 가져오기(&amp;B)…</source>
        <translation>&amp;Batch import…</translation>
    </message>
    <message>
        <source>인식 취소</source>
        <translation>Cancel recognition</translation>
    </message>
    <message>
        <source>처방 확정(&amp;C)</source>
        <translation>&amp;Confirm prescription</translation>
    </message>
    <message>
        <source>복약안내문 출력(&amp;G)</source>
        <translation>Put out &amp;guide</translation>
    </message>
    <message>
        <source>인쇄 미리보기(&amp;P)…</source>
        <translation>&amp;Print preview…</translation>
    </message>
    <message>
        <source>PDF로 내보내기(&amp;E)…</source>
        <translation>&amp;Export PDF…</translation>
    </message>
    <message>
        <source>설정(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>종료(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>실행 취소</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>실행 취소(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>다시 실행</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>다시 실행(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>약품 줄 추가(&amp;A)</source>
        <translation>&amp;Add drug line</translation>
    </message>
    <message>
        <source>약품 줄 삭제(&amp;D)</source>
        <translation>&amp;Delete drug line</translation>
    </message>
    <message>
        <source>줄 위로</source>
        <translation>Move line up</translation>
    </message>
    <message>
        <source>줄 아래로</source>
        <translation>Move line down</translation>
    </message>
    <message>
        <source>다음 확인 필요 항목(&amp;N)</source>
        <translation>&amp;Next value to review</translation>
    </message>
    <message>
        <source>다음 대기 처방전(&amp;W)</source>
        <translation>Next &amp;waiting prescription</translation>
    </message>
    <message>
        <source>검토를 기다리는 처방전이 없습니다.</source>
        <translation>No prescription is waiting for review.</translation>
    </message>
    <message>
        <source>확대(&amp;I)</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>축소(&amp;U)</source>
        <translation>Zoom o&amp;ut</translation>
    </message>
    <message>
        <source>창에 맞추기(&amp;F)</source>
        <translation>&amp;Fit to window</translation>
    </message>
    <message>
        <source>시계 방향으로 90° 회전(&amp;R)</source>
        <translation>&amp;Rotate 90° clockwise</translation>
    </message>
    <message>
        <source>PharmDesk 정보(&amp;A)</source>
        <translation>&amp;About PharmDesk</translation>
    </message>
    <message>
        <source>PharmDesk 정보</source>
        <translation>About PharmDesk</translation>
    </message>
    <message>
        <source>PharmDesk %1
처방전 이미지를 인식해 약품 목록과 복약안내문을 만듭니다.</source>
        <translation>PharmDesk %1
Reads prescription images into drug lists and medication guides.</translation>
    </message>
    <message>
        <source>파일(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>편집(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>검토(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>보기(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>도움말(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>기본 도구</source>
        <translation>Main tools</translation>
    </message>
    <message>
        <source>처방전 이미지를 여세요 (Ctrl+O, 끌어다 놓기, 붙여넣기)</source>
        <translation>Open a prescription image (Ctrl+O, drag and drop, paste)</translation>
    </message>
    <message>
        <source>인식 상태</source>
        <translation>Recognition status</translation>
    </message>
    <message>
        <source>대기열 상태</source>
        <translation>Queue status</translation>
    </message>
    <message>
        <source>인식 진행</source>
        <translation>Recognition progress</translation>
    </message>
    <message>
        <source>약품 DB 여는 중…</source>
        <translation>Opening drug database…</translation>
    </message>
    <message>
        <source>약품 DB 상태</source>
        <translation>Drug database status</translation>
    </message>
    <message>
        <source>처방전 이미지 열기</source>
        <translation>Open prescription images</translation>
    </message>
    <message>
        <source>처방전 이미지 (%1)</source>
        <translation>Prescription images (%1)</translation>
    </message>
    <message>
        <source>모든 파일 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>클립보드에 이미지가 없습니다.</source>
        <translation>There is no image on the clipboard.</translation>
    </message>
    <message>
        <source>붙여넣은 이미지를 대기열에 넣었습니다.</source>
        <translation>The pasted image was queued.</translation>
    </message>
    <message>
        <source>복약안내문 인쇄 미리보기</source>
        <translation>Medication guide print preview</translation>
    </message>
    <message>
        <source>복약안내문</source>
        <translation>Medication guide</translation>
    </message>
    <message>
        <source>복약안내문을 그릴 수 없습니다: %1</source>
        <translation>The guide cannot be drawn: %1</translation>
    </message>
    <message>
        <source>-복약안내문.pdf</source>
        <translation>-guide.pdf</translation>
    </message>
    <message>
        <source>복약안내문 PDF로 내보내기</source>
        <translation>Export medication guide as PDF</translation>
    </message>
    <message>
        <source>PDF 파일 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>복약안내문 PDF 저장 중…</source>
        <translation>Saving guide PDF…</translation>
    </message>
    <message>
        <source>복약안내문을 저장했습니다: %1</source>
        <translation>Guide saved: %1</translation>
    </message>
    <message>
        <source>PDF 저장이 중단되었습니다.</source>
        <translation>Saving the PDF was stopped.</translation>
    </message>
    <message>
        <source>PDF 저장 실패: %1</source>
        <translation>Saving the PDF failed: %1</translation>
    </message>
    <message>
        <source>복약안내문을 저장할 수 없습니다</source>
        <translation>The guide cannot be saved</translation>
    </message>
    <message>
        <source>설정을 저장할 수 없습니다</source>
        <translation>The settings cannot be saved</translation>
    </message>
    <message>
        <source>화면 언어는 다시 시작하면 바뀝니다.</source>
        <translation>The screen language changes at the next start.</translation>
    </message>
    <message>
        <source>처방 기록(&amp;H)…</source>
        <translation>&amp;History…</translation>
    </message>
    <message>
        <source>식약처 서비스 키를 키 저장소에 저장했습니다.</source>
        <translation>The MFDS service key was stored in the keychain.</translation>
    </message>
    <message>
        <source>서비스 키를 저장할 수 없습니다: %1</source>
        <translation>The service key cannot be stored: %1</translation>
    </message>
    <message>
        <source>이 기록에는 다시 열 처방 내용이 없습니다.</source>
        <translation>This record holds no prescription to reopen.</translation>
    </message>
    <message>
        <source>사용자 전환(&amp;L)…</source>
        <translation>Switch pharmacist (&amp;L)…</translation>
    </message>
    <message>
        <source>현재 약사</source>
        <translation>Pharmacist at the counter</translation>
    </message>
    <message>
        <source>끝나지 않은 처방전을 찾을 수 없습니다: %1</source>
        <translation>Unfinished prescriptions cannot be looked up: %1</translation>
    </message>
    <message>
        <source>지난번에 끝나지 않은 처방전 %1건을 다시 인식합니다.</source>
        <translation>Recognising again %1 prescriptions left unfinished last time.</translation>
    </message>
    <message>
        <source>약사: 없음 (Ctrl+L)</source>
        <translation>Pharmacist: none (Ctrl+L)</translation>
    </message>
    <message>
        <source>약사: %1</source>
        <translation>Pharmacist: %1</translation>
    </message>
    <message>
        <source>%1 약사로 전환했습니다.</source>
        <translation>Switched to %1.</translation>
    </message>
    <message>
        <source>이미지를 기록 저장소에서 읽을 수 없습니다: %1</source>
        <translation>The image cannot be read from the record store: %1</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::OcrRecognitionService</name>
    <message>
        <source>인식을 취소했습니다.</source>
        <translation>Recognition cancelled.</translation>
    </message>
    <message>
        <source>약품 DB를 열 수 없어 처방전을 인식할 수 없습니다.</source>
        <translation>The drug database cannot be opened, so prescriptions cannot be recognised.</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::PrescriptionItemsModel</name>
    <message>
        <source>직접 추가한 줄</source>
        <translation>line added by hand</translation>
    </message>
    <message>
        <source>인식된 줄: %1</source>
        <translation>Line as read: %1</translation>
    </message>
    <message>
        <source>처방전 표기: %1</source>
        <translation>On the prescription: %1</translation>
    </message>
    <message>
        <source>업체: %1</source>
        <translation>Company: %1</translation>
    </message>
    <message>
        <source>확인 필요</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>확인됨</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>코드</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>약품명</source>
        <translation>Drug</translation>
    </message>
    <message>
        <source>1회 투약량</source>
        <translation>Dose</translation>
    </message>
    <message>
        <source>1일 횟수</source>
        <translation>Times/day</translation>
    </message>
    <message>
        <source>총 일수</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>용법</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>신뢰도</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>줄 번호와 상태</source>
        <translation>Line number and status</translation>
    </message>
    <message>
        <source>보험 약품코드 (9자리)</source>
        <translation>Insurance drug code (9 digits)</translation>
    </message>
    <message>
        <source>줄 전체 인식 신뢰도</source>
        <translation>Recognition confidence of the whole line</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::PrescriptionPanel</name>
    <message>
        <source>처방 정보</source>
        <translation>Prescription</translation>
    </message>
    <message>
        <source>처방 의약품</source>
        <translation>Prescribed drugs</translation>
    </message>
    <message>
        <source>처방 의약품 목록</source>
        <translation>Prescribed drug list</translation>
    </message>
    <message>
        <source>확인 사유</source>
        <translation>Review reasons</translation>
    </message>
    <message>
        <source>확인 필요</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>%1: 올바른 값이 아니어서 이전 값으로 되돌렸습니다.</source>
        <translation>%1: not a valid value; the previous value was kept.</translation>
    </message>
    <message>
        <source>%1번 줄 %2</source>
        <translation>Line %1, %2</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::PrescriptionQueue</name>
    <message>
        <source>대기</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>인식 중</source>
        <translation>Recognising</translation>
    </message>
    <message>
        <source>인식됨</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <source>확인 필요</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>확정</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>안내문 출력</source>
        <translation>Guide printed</translation>
    </message>
    <message>
        <source>실패</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>도착</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>환자</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>파일</source>
        <translation>File</translation>
    </message>
    <message>
        <source>확인</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>%1 — %2/%3</source>
        <translation>%1 — %2/%3</translation>
    </message>
    <message>
        <source>%1 — %2쪽</source>
        <translation>%1 — page %2</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::QueueController</name>
    <message>
        <source>인식이 중단되었습니다.</source>
        <translation>Recognition was stopped.</translation>
    </message>
    <message>
        <source>받은 이미지가 비어 있습니다.</source>
        <translation>The image received is empty.</translation>
    </message>
    <message>
        <source>이미지를 PNG로 바꿀 수 없습니다.</source>
        <translation>The image cannot be encoded as PNG.</translation>
    </message>
    <message>
        <source>받은 이미지를 둘 수 없습니다: %1</source>
        <translation>The image received cannot be held: %1</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::ScanDialog</name>
    <message>
        <source>스캐너로 스캔</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>스캐너</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>새로 고침</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>스캐너 다시 찾기</source>
        <translation>Look for scanners again</translation>
    </message>
    <message>
        <source>급지 방식</source>
        <translation>Paper source</translation>
    </message>
    <message>
        <source>평판 (유리면, 한 장)</source>
        <translation>Flatbed (glass, one sheet)</translation>
    </message>
    <message>
        <source>자동 급지기 (ADF, 여러 장)</source>
        <translation>Document feeder (ADF, several sheets)</translation>
    </message>
    <message>
        <source>%1 dpi 회색</source>
        <translation>%1 dpi grey</translation>
    </message>
    <message>
        <source>스캔 진행</source>
        <translation>Scan progress</translation>
    </message>
    <message>
        <source>스캔 상태</source>
        <translation>Scan state</translation>
    </message>
    <message>
        <source>스캐너(&amp;D):</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <source>급지(&amp;F):</source>
        <translation>&amp;Feed:</translation>
    </message>
    <message>
        <source>품질:</source>
        <translation>Quality:</translation>
    </message>
    <message>
        <source>스캔(&amp;S)</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <source>스캔 시작</source>
        <translation>Start scan</translation>
    </message>
    <message>
        <source>스캔 취소</source>
        <translation>Cancel scan</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>스캐너를 찾는 중…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>스캐너 목록을 읽을 수 없습니다: %1 (%2)</source>
        <translation>The scanner list could not be read: %1 (%2)</translation>
    </message>
    <message>
        <source>스캐너가 없습니다. 스캐너를 연결하고 켠 뒤 새로 고침(F5)을 누르세요.</source>
        <translation>No scanner. Connect and switch on a scanner, then press Refresh (F5).</translation>
    </message>
    <message>
        <source>스캐너 %1대를 찾았습니다.</source>
        <translation>Scanners found: %1.</translation>
    </message>
    <message>
        <source>스캔을 시작합니다…</source>
        <translation>Starting the scan…</translation>
    </message>
    <message>
        <source>%1쪽 스캔 중…</source>
        <translation>Scanning page %1…</translation>
    </message>
    <message>
        <source>%1쪽을 대기열에 넣었습니다.</source>
        <translation>Pages added to the queue: %1.</translation>
    </message>
    <message>
        <source>스캔을 마쳤습니다: %1쪽을 대기열에 넣었습니다.</source>
        <translation>Scan finished: pages added to the queue: %1.</translation>
    </message>
    <message>
        <source>스캔을 취소했습니다 (%1쪽은 대기열에 있습니다).</source>
        <translation>Scan cancelled (pages already in the queue: %1).</translation>
    </message>
    <message>
        <source>스캔하지 못했습니다: %1 (%2) — 대기열에 넣은 쪽: %3</source>
        <translation>The scan failed: %1 (%2) — pages queued: %3</translation>
    </message>
    <message>
        <source>스캔을 취소하는 중…</source>
        <translation>Cancelling the scan…</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::SettingsDialog</name>
    <message>
        <source>A4 (안내문)</source>
        <translation>A4 (guide)</translation>
    </message>
    <message>
        <source>A5 (안내문)</source>
        <translation>A5 (guide)</translation>
    </message>
    <message>
        <source>영수증 프린터 (80 mm)</source>
        <translation>Receipt printer (80 mm)</translation>
    </message>
    <message>
        <source>약봉투 라벨</source>
        <translation>Medicine bag label</translation>
    </message>
    <message>
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>약국 이름</source>
        <translation>Pharmacy name</translation>
    </message>
    <message>
        <source>전화번호</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>약사</source>
        <translation>Pharmacist</translation>
    </message>
    <message>
        <source>주소</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>약국 이름(&amp;N):</source>
        <translation>Pharmacy &amp;name:</translation>
    </message>
    <message>
        <source>전화번호(&amp;P):</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>약사(&amp;H):</source>
        <translation>P&amp;harmacist:</translation>
    </message>
    <message>
        <source>주소(&amp;A):</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>약국</source>
        <translation>Pharmacy</translation>
    </message>
    <message>
        <source>안내문 형식</source>
        <translation>Guide format</translation>
    </message>
    <message>
        <source>안내문 언어</source>
        <translation>Guide language</translation>
    </message>
    <message>
        <source>한국어</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>영어</source>
        <translation>English</translation>
    </message>
    <message>
        <source>출력 방법</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>PDF 파일로 저장</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>프린터로 인쇄</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>안내문 폴더</source>
        <translation>Guide folder</translation>
    </message>
    <message>
        <source>찾아보기…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>프린터</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>기본 프린터</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <source>출력 후 다음 처방전으로 이동</source>
        <translation>Go to the next prescription after the guide</translation>
    </message>
    <message>
        <source>처리한 파일을 processed 폴더에 보관</source>
        <translation>Keep processed files in the processed folder</translation>
    </message>
    <message>
        <source>처리한 받은 편지함 파일 보관</source>
        <translation>Keep processed inbox files</translation>
    </message>
    <message>
        <source>끄면 기록 저장소에 암호화되어 저장된 파일은 받은 편지함에서 지웁니다.</source>
        <translation>When off, files sealed in the record store are removed from the inbox.</translation>
    </message>
    <message>
        <source>형식(&amp;F):</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>언어(&amp;L):</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>출력(&amp;O):</source>
        <translation>&amp;Output:</translation>
    </message>
    <message>
        <source>PDF 폴더(&amp;D):</source>
        <translation>PDF fol&amp;der:</translation>
    </message>
    <message>
        <source>프린터(&amp;R):</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <source>복약안내문</source>
        <translation>Medication guide</translation>
    </message>
    <message>
        <source>받은 편지함 폴더</source>
        <translation>Inbox folder</translation>
    </message>
    <message>
        <source>비워 두면 감시하지 않음</source>
        <translation>Empty: not watched</translation>
    </message>
    <message>
        <source>파일 안정 대기 시간</source>
        <translation>File settle delay</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>확인 기준 신뢰도</source>
        <translation>Review threshold</translation>
    </message>
    <message>
        <source>화면 언어</source>
        <translation>Screen language</translation>
    </message>
    <message>
        <source>받은 편지함(&amp;I):</source>
        <translation>&amp;Inbox:</translation>
    </message>
    <message>
        <source>파일 안정 대기(&amp;W):</source>
        <translation>Settle &amp;wait:</translation>
    </message>
    <message>
        <source>확인 기준 신뢰도(&amp;T):</source>
        <translation>Review &amp;threshold:</translation>
    </message>
    <message>
        <source>화면 언어(&amp;U):</source>
        <translation>Screen lang&amp;uage:</translation>
    </message>
    <message>
        <source>접수와 검토</source>
        <translation>Intake and review</translation>
    </message>
    <message>
        <source>식약처 서비스 키</source>
        <translation>MFDS service key</translation>
    </message>
    <message>
        <source>서비스 키(&amp;K):</source>
        <translation>Service &amp;key:</translation>
    </message>
    <message>
        <source>식약처 API</source>
        <translation>MFDS API</translation>
    </message>
    <message>
        <source>키 저장소를 열 수 없어 서비스 키를 저장할 수 없습니다.</source>
        <translation>No keychain is available, so the service key cannot be stored.</translation>
    </message>
    <message>
        <source>저장되어 있음 (바꾸려면 새 키 입력)</source>
        <translation>Stored (type a new key to replace it)</translation>
    </message>
    <message>
        <source>없음</source>
        <translation>None</translation>
    </message>
    <message>
        <source>키는 설정 파일이 아니라 키 저장소(%1)에 보관됩니다.</source>
        <translation>The key is kept in the keychain (%1), not in the settings file.</translation>
    </message>
    <message>
        <source>스캐너/카메라</source>
        <translation>Scanner/camera</translation>
    </message>
</context>
<context>
    <name>pharmdesk::ui::UserSwitchDialog</name>
    <message>
        <source>사용자 전환</source>
        <translation>Switch pharmacist</translation>
    </message>
    <message>
        <source>약사 목록</source>
        <translation>Pharmacists</translation>
    </message>
    <message>
        <source>약사(&amp;U):</source>
        <translation>Pharmacist (&amp;U):</translation>
    </message>
    <message>
        <source>전환 안내</source>
        <translation>Switch message</translation>
    </message>
    <message>
        <source>전환</source>
        <translation>Switch</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>비밀번호(&amp;P):</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>PIN(&amp;P):</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN을 %1번 틀려 잠겼습니다. 비밀번호를 입력하세요.</source>
        <translation>The PIN is locked after %1 wrong tries. Type the password.</translation>
    </message>
    <message>
        <source>이 계정은 PIN이 없습니다. 비밀번호를 입력하세요.</source>
        <translation>This account has no PIN. Type the password.</translation>
    </message>
    <message>
        <source>확인 중…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>비밀번호가 틀렸습니다.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <source>PIN이 틀렸습니다. %1번 더 틀리면 비밀번호가 필요합니다.</source>
        <translation>Wrong PIN. %1 more wrong tries and the password is needed.</translation>
    </message>
</context>
</TS>
