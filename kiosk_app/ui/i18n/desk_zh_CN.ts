<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CapturePanel</name>
    <message>
        <location filename="../desk/capture_panel.py" line="177"/>
        <source>Paper materials (document camera)</source>
        <translation>纸质材料（高拍仪）</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="178"/>
        <source>Pages</source>
        <translation>材料页</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="179"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="180"/>
        <source>Take now</source>
        <translation>立即拍摄</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="181"/>
        <source>◀ Earlier</source>
        <translation>◀ 前移</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="182"/>
        <source>Later ▶</source>
        <translation>后移 ▶</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="183"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="184"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="193"/>
        <source>No document camera at this desk. Take in the case with the authorisation code (scan gun or typing).</source>
        <translation>本服务台没有高拍仪。请用授权码受理（扫码枪扫码或手工输入）。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="196"/>
        <source>No camera</source>
        <translation>无高拍仪</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="199"/>
        <source>The document camera is not connected. Check its cable; the case can still be taken in with the authorisation code.</source>
        <translation>高拍仪未连接，请检查连接线；仍可用授权码受理。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="202"/>
        <source>Camera offline</source>
        <translation>高拍仪离线</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="204"/>
        <source>Processing the page…</source>
        <translation>正在处理材料…</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="206"/>
        <source>Lay the new page %1 under the camera.</source>
        <translation>请把重拍的第 %1 页放到高拍仪下。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="210"/>
        <location filename="../desk/capture_panel.py" line="286"/>
        <source>Front taken. Turn the ID card over for the back.</source>
        <translation>正面已拍好，请把身份证翻到背面。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="212"/>
        <source>Lay the ID card front side up; it is taken when still.</source>
        <translation>请将身份证正面朝上放好，放稳后自动拍摄。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="214"/>
        <source>Lay a page flat under the camera; it is taken when still.</source>
        <translation>请将材料平放在高拍仪下，放稳后自动拍摄。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="268"/>
        <source>The camera did not take the picture. Please try again.</source>
        <translation>高拍仪未能拍摄，请再试一次。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="291"/>
        <source>This picture could not be used. Please lay the page again.</source>
        <translation>这张照片无法使用，请重新放好材料。</translation>
    </message>
    <message>
        <location filename="../desk/capture_panel.py" line="186"/>
        <location filename="../desk/capture_panel.py" line="312"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>CaptureScreen</name>
    <message>
        <location filename="../desk/capture_screen.py" line="85"/>
        <source>Document capture</source>
        <translation>材料拍摄</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="86"/>
        <source>Save the document</source>
        <translation>保存材料</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="87"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="90"/>
        <source>Document saved. Document number:</source>
        <translation>材料已保存，材料编号：</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="94"/>
        <source>Pages: %1</source>
        <translation>材料页数：%1</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="95"/>
        <source>Take the slip to %1; the document is already sent there.</source>
        <translation>请持单据到%1办理，文件已发送到该窗口。</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="117"/>
        <source>Save and send these %1 pages?</source>
        <translation>保存并发送这 %1 页材料吗？</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="119"/>
        <source>They are sent to %1 and cannot be changed afterwards. A slip with the document number is printed.</source>
        <translation>材料将发送到%1，发送后不能修改。将打印一张带文件编号的单据。</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="122"/>
        <source>Save and send</source>
        <translation>保存并发送</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="178"/>
        <source>slip</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="181"/>
        <source>General intake window</source>
        <translation>综合受理窗口</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="131"/>
        <source>Lay at least one page under the camera first.</source>
        <translation>请先在高拍仪下放好至少一页材料。</translation>
    </message>
    <message>
        <location filename="../desk/capture_screen.py" line="148"/>
        <source>The document could not be saved; the pages are kept. Please try again.</source>
        <translation>材料未能保存，已拍摄的页面仍保留，请再试一次。</translation>
    </message>
</context>
<context>
    <name>DeskScreen</name>
    <message>
        <location filename="../desk/screen.py" line="102"/>
        <source>Desk: case intake</source>
        <translation>服务台：业务受理</translation>
    </message>
    <message>
        <location filename="../desk/screen.py" line="119"/>
        <source>Choose the service first, then scan the code.</source>
        <translation>请先选择办理事项，再扫码。</translation>
    </message>
</context>
<context>
    <name>DeskTiles</name>
    <message>
        <location filename="../desk/tiles.py" line="16"/>
        <source>Desk intake</source>
        <translation>服务台受理</translation>
    </message>
    <message>
        <location filename="../desk/tiles.py" line="20"/>
        <source>Staff: cases, documents, receipts</source>
        <translation>工作人员：受理、拍摄材料、打印回执</translation>
    </message>
    <message>
        <location filename="../desk/tiles.py" line="24"/>
        <source>Document capture</source>
        <translation>材料拍摄</translation>
    </message>
    <message>
        <location filename="../desk/tiles.py" line="28"/>
        <source>Pages and ID cards under the camera</source>
        <translation>高拍仪拍摄材料和身份证</translation>
    </message>
</context>
<context>
    <name>DonePanel</name>
    <message>
        <location filename="../desk/done.py" line="68"/>
        <source>Next citizen</source>
        <translation>下一位</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="80"/>
        <source>receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="91"/>
        <source>Service: %1</source>
        <translation>办理事项：%1</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="92"/>
        <source>Pages: %1</source>
        <translation>材料页数：%1</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="93"/>
        <source>Staff: %1</source>
        <translation>受理人员：%1</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="97"/>
        <source>Applicant: %1</source>
        <translation>申请人：%1</translation>
    </message>
    <message>
        <location filename="../desk/done.py" line="98"/>
        <source>Case submitted. Case number:</source>
        <translation>已提交受理，受理编号：</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../desk/intake.py" line="91"/>
        <source>Change service</source>
        <translation>更换事项</translation>
    </message>
    <message>
        <location filename="../desk/intake.py" line="92"/>
        <source>Submit case</source>
        <translation>提交受理</translation>
    </message>
    <message>
        <location filename="../desk/intake.py" line="103"/>
        <source>Service: %1</source>
        <translation>办理事项：%1</translation>
    </message>
    <message>
        <location filename="../desk/intake.py" line="123"/>
        <source>Choose a service and add licences or at least one page first.</source>
        <translation>请先选择事项，并获取电子证照或至少拍摄一页材料。</translation>
    </message>
    <message>
        <location filename="../desk/intake.py" line="149"/>
        <source>The case could not be saved; nothing was lost. Please try again.</source>
        <translation>本件未能保存，材料均未丢失，请再试一次。</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <location filename="../desk/items.py" line="57"/>
        <source>Which service does the citizen need? Type a name or pinyin initials.</source>
        <translation>群众要办理什么事项？请输入名称或拼音首字母。</translation>
    </message>
    <message>
        <location filename="../desk/items.py" line="59"/>
        <source>e.g. 身份证 or sfz</source>
        <translation>例如：身份证 或 sfz</translation>
    </message>
    <message>
        <location filename="../desk/items.py" line="66"/>
        <source>The service catalog is not available.</source>
        <translation>办事指南暂不可用。</translation>
    </message>
    <message>
        <location filename="../desk/items.py" line="73"/>
        <source>Loading the service catalog…</source>
        <translation>正在载入办事指南…</translation>
    </message>
    <message>
        <location filename="../desk/items.py" line="100"/>
        <source>No service matches. Try other words.</source>
        <translation>没有匹配的事项，请换个词试试。</translation>
    </message>
</context>
<context>
    <name>LicencePanel</name>
    <message>
        <location filename="../desk/licences.py" line="73"/>
        <source>Electronic licences (certificate-free)</source>
        <translation>电子证照（免证办）</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="76"/>
        <source>Scan the authorisation code on the citizen&apos;s phone with the scan gun, or type it here.</source>
        <translation>请用扫码枪扫描群众手机上的授权码，或在此输入。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="81"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="82"/>
        <source>Do not attach the licences</source>
        <translation>不附加电子证照</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="92"/>
        <source>Holder: %1  %2</source>
        <translation>持证人：%1  %2</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="98"/>
        <source>expired on %1, not attached</source>
        <translation>已过期（有效期至 %1），不附加</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="118"/>
        <source>All these licences have expired, so none is attached. The citizen needs to renew them; take in paper materials with the document camera meanwhile.</source>
        <translation>以上证照均已过期，均不附加。请群众先办理换证；本次可用高拍仪采集纸质材料。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="122"/>
        <source>Expired licences are not attached to the case. The citizen needs to renew them.</source>
        <translation>已过期的证照不随本件提交，请群众办理换证。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="137"/>
        <source>Fetching the licences…</source>
        <translation>正在获取电子证照…</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="155"/>
        <source>Licences received; they are attached to the case.</source>
        <translation>已获取电子证照，将随本件一并提交。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="160"/>
        <source>Licences received; the valid ones are attached to the case.</source>
        <translation>已获取电子证照，有效的证照将随本件一并提交。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="164"/>
        <source>Licences received, but all have expired.</source>
        <translation>已获取电子证照，但均已过期。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="176"/>
        <source>The licences cannot be fetched: the service centre&apos;s system is not reachable. Take in paper copies with the document camera instead.</source>
        <translation>无法获取电子证照：暂时连不上政务服务中心系统。请改用高拍仪拍摄纸质材料。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="180"/>
        <source>This authorisation code is unknown. Ask the citizen to show it again.</source>
        <translation>查无此授权码，请群众重新出示。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="183"/>
        <source>This authorisation has expired or was used. Ask the citizen to authorise again in the app.</source>
        <translation>该授权已过期或已使用，请群众在 App 中重新授权。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="187"/>
        <source>This is not an authorisation code (it starts with ZWFW-SQ:).</source>
        <translation>这不是授权码（授权码以 ZWFW-SQ: 开头）。</translation>
    </message>
    <message>
        <location filename="../desk/licences.py" line="193"/>
        <source>The licences will not be attached.</source>
        <translation>将不附加电子证照。</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../desk/sign_in.py" line="72"/>
        <source>Staff sign-in: scan your staff badge, or enter your staff number and PIN.</source>
        <translation>工作人员登录：请扫描工作证，或输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="74"/>
        <source>Staff number (e.g. 0001)</source>
        <translation>工号（例如 0001）</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="75"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="76"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="112"/>
        <source>Too many wrong PINs. Try again in %1 min, or sign in with your badge.</source>
        <translation>密码错误次数过多，请 %1 分钟后再试，或扫描工作证登录。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="116"/>
        <source>Staff number or PIN is wrong. %1 attempt(s) left.</source>
        <translation>工号或密码错误，还可尝试 %1 次。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="120"/>
        <source>Staff number or PIN is wrong.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="123"/>
        <source>This is not a staff badge. Scan your staff badge.</source>
        <translation>这不是工作证，请扫描您的工作证。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="125"/>
        <source>This badge is not registered at this desk. Ask the administrator.</source>
        <translation>该工作证未在本服务台登记，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="127"/>
        <source>This staff member signs in with the badge only.</source>
        <translation>该工作人员只能扫描工作证登录。</translation>
    </message>
    <message>
        <location filename="../desk/sign_in.py" line="128"/>
        <source>Please enter the staff number and the PIN.</source>
        <translation>请输入工号和密码。</translation>
    </message>
</context>
<context>
    <name>StaffBar</name>
    <message>
        <location filename="../desk/staff_bar.py" line="30"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../desk/staff_bar.py" line="35"/>
        <source>Signed in: %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
</context>
</TS>
