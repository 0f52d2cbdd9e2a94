<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>NearbyScreen</name>
    <message>
        <location filename="../utility/points.py" line="71"/>
        <source>Community service desk</source>
        <translation>社区便民服务站</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="72"/>
        <source>Government service hall</source>
        <translation>政务服务中心</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="73"/>
        <source>Water company office</source>
        <translation>自来水公司营业厅</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="74"/>
        <source>Gas company office</source>
        <translation>燃气公司营业厅</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="79"/>
        <source>water and gas connection</source>
        <translation>用水用气报装</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="80"/>
        <source>certificate-free</source>
        <translation>免证办</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="81"/>
        <source>document copies</source>
        <translation>材料扫描</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="82"/>
        <source>queue tickets</source>
        <translation>取号</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="83"/>
        <source>video help</source>
        <translation>视频帮办</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="84"/>
        <source>proof printing</source>
        <translation>证明打印</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="89"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="89"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="89"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="89"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="90"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="90"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="90"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="95"/>
        <source>%1 to %2</source>
        <translation>%1至%2</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="101"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="107"/>
        <source>Nearby service points</source>
        <translation>就近办</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="111"/>
        <source>The list of service points is not on this terminal yet. Please ask at the service desk.</source>
        <translation>本机暂无服务网点信息，请到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="117"/>
        <source>Service points that handle this item, open ones first, nearest first:</source>
        <translation>可办理此事项的网点（营业中优先，由近及远）：</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="122"/>
        <source>Open ones first, nearest first. Touch one for its hours and a navigation QR code.</source>
        <translation>营业中的网点在前，由近及远。点击网点查看办公时间和导航二维码。</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="126"/>
        <source>Scan with your phone to navigate there</source>
        <translation>用手机扫码导航前往</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="142"/>
        <source>open now</source>
        <translation>营业中</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="142"/>
        <source>closed</source>
        <translation>已下班</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="156"/>
        <source>Open now</source>
        <translation>营业中</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="158"/>
        <source>Closed; opens %1</source>
        <translation>已下班，%1 开门</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="160"/>
        <source>Closed</source>
        <translation>已下班</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="166"/>
        <source>Hours: %1</source>
        <translation>办公时间：%1</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="167"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="168"/>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="169"/>
        <source>Can help with: %1</source>
        <translation>可办理：%1</translation>
    </message>
    <message>
        <location filename="../utility/points.py" line="173"/>
        <source>About %1 km from this terminal</source>
        <translation>距本机约 %1 公里</translation>
    </message>
</context>
<context>
    <name>UtilityScreen</name>
    <message>
        <location filename="../utility/screen.py" line="432"/>
        <source>Water and gas connection</source>
        <translation>用水用气报装</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="433"/>
        <source>What do you apply for?</source>
        <translation>您要申请什么？</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="435"/>
        <location filename="../utility/screen.py" line="538"/>
        <source>Water</source>
        <translation>用水</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="436"/>
        <location filename="../utility/screen.py" line="538"/>
        <source>Gas</source>
        <translation>用气</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="437"/>
        <location filename="../utility/screen.py" line="538"/>
        <source>Water and gas</source>
        <translation>用水用气</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="441"/>
        <source>New connection</source>
        <translation>新装</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="442"/>
        <source>Capacity change</source>
        <translation>增容</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="443"/>
        <source>Transfer of account</source>
        <translation>过户</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="444"/>
        <source>Stop supply</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="447"/>
        <source>Which kind of application?</source>
        <translation>申请类型：</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="449"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="454"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="455"/>
        <source>I apply on behalf of a company</source>
        <translation>我代表单位申请</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="458"/>
        <source>Where is the connection? Type the street, community or road (pinyin initials work)</source>
        <translation>报装地址在哪里？请输入街道、社区或道路（可用拼音首字母）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="461"/>
        <source>e.g. 东门社区 or dmsq</source>
        <translation>例如：东门社区 或 dmsq</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="462"/>
        <source>Not in the list? Type the full address:</source>
        <translation>列表中没有？请输入完整地址：</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="463"/>
        <source>Use this address</source>
        <translation>使用此地址</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="464"/>
        <source>Proof of property (不动产权证)</source>
        <translation>产权证明（不动产权证）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="465"/>
        <source>Use the captured pages as the proof</source>
        <translation>使用拍摄的页面作为产权证明</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="466"/>
        <source>No electronic certificate? Send a photo from your phone</source>
        <translation>没有电子证照？用手机上传照片</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="471"/>
        <source>Open “authorise my licences” in the provincial app and show the QR code to the scanner: your electronic property certificate is used, no paper copy needed. No electronic certificate? Send a photo of the paper one from your phone (the button below), or bring it to a community service desk.</source>
        <translation>请在省政务服务 App 中打开“证照授权”，将二维码对准扫码口：使用电子不动产权证，无需纸质复印件。没有电子证照？可点下方按钮用手机上传纸质证书的照片，或携带纸质证书到社区便民服务站办理。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="479"/>
        <source>Choose a time for the remote site survey: the utility&apos;s staff call you by video on your phone, and you show them the place. No visit is needed.</source>
        <translation>请选择远程踏勘时间：届时供水/燃气公司工作人员将通过手机视频联系您，您在现场展示即可，无需上门。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="483"/>
        <source>Let the utility phone me to arrange it</source>
        <translation>请公司电话联系我预约</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="484"/>
        <location filename="../utility/screen.py" line="954"/>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="485"/>
        <location filename="../utility/screen.py" line="987"/>
        <source>Notes (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="486"/>
        <source>Submit the application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="487"/>
        <source>Show progress</source>
        <translation>查看进度</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="488"/>
        <location filename="../utility/screen.py" line="490"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="489"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="502"/>
        <source>The application forms are not on this terminal yet. Please go to a service desk.</source>
        <translation>本机暂无申请表，请到服务台办理。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="504"/>
        <source>Please identify yourself first.</source>
        <translation>请先核验身份。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="506"/>
        <source>Please show the company&apos;s authorisation QR code with its business licence.</source>
        <translation>请出示单位的证照授权二维码（含营业执照）。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="508"/>
        <source>Please choose the address from the list, or type it in full.</source>
        <translation>请从列表中选择地址，或输入完整地址。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="510"/>
        <source>No property certificate was found among your electronic licences. Please bring the paper certificate to a community service desk.</source>
        <translation>您的电子证照中没有不动产权证，请携带纸质证书到社区便民服务站办理。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="513"/>
        <source>This licence has expired. Please renew it first.</source>
        <translation>该证照已过期，请先办理换证。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="514"/>
        <source>This time was just taken. Please choose another.</source>
        <translation>该时段刚被约满，请选择其他时间。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="515"/>
        <source>Please choose a survey time for each utility.</source>
        <translation>请为每项报装选择踏勘时间。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="516"/>
        <source>Please check the fields marked below.</source>
        <translation>请检查下方标出的内容。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="518"/>
        <source>The application form was updated just now. Everything you entered is kept; please check the fields marked below and submit again.</source>
        <translation>申请表刚刚更新。您填写的内容都已保留，请检查下方标出的内容后再次提交。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="522"/>
        <source>The terminal could not save the application. Nothing is lost: please try again.</source>
        <translation>本机未能保存申请，填写内容未丢失，请重试。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="529"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="530"/>
        <source>too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="531"/>
        <source>a number, please</source>
        <translation>请填写数字</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="532"/>
        <source>out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="533"/>
        <source>choose one</source>
        <translation>请选择</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="534"/>
        <source>an 11-digit mobile number</source>
        <translation>请填写 11 位手机号码</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="578"/>
        <source>Please choose what you apply for and the kind, then lay the card again.</source>
        <translation>请选择申请内容和类型，然后重新放置身份证。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="580"/>
        <source>Please choose what you apply for and the kind.</source>
        <translation>请选择申请内容和类型。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="600"/>
        <source>The application is made in the name of the person identified here.</source>
        <translation>申请将以在此核验身份的本人名义办理。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="616"/>
        <source>Applicant: %1, ID %2</source>
        <translation>申请人：%1，身份证 %2</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="625"/>
        <source>Company: %1 (business licence attached)</source>
        <translation>单位：%1（已附营业执照）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="630"/>
        <source>Show the company&apos;s authorisation QR code (with its business licence) to the scanner.</source>
        <translation>请将单位的证照授权二维码（含营业执照）对准扫码口。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="726"/>
        <source>Property certificate attached: %1</source>
        <translation>已附不动产权证：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="729"/>
        <source>Property certificate captured.</source>
        <translation>已拍摄不动产权证。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="731"/>
        <source>Photo of the certificate received from your phone.</source>
        <translation>已收到您手机上传的证书照片。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="742"/>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="750"/>
        <source>Please try again.</source>
        <translation>请重试。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="762"/>
        <source>Scan this code with your phone and send a photo of the certificate; this page goes on by itself when it arrives.</source>
        <translation>请用手机扫描此二维码并上传证书照片，收到后本页将自动继续。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="783"/>
        <source>The upload page has expired. Please ask for a new one.</source>
        <translation>上传页面已过期，请重新获取。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="799"/>
        <source>Lay the property certificate under the camera first.</source>
        <translation>请先把不动产权证放在高拍仪下拍摄。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="820"/>
        <source>Fetching your electronic licences…</source>
        <translation>正在获取您的电子证照…</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="888"/>
        <source>You can let the utility phone you to arrange the survey.</source>
        <translation>您可以选择由公司电话联系预约踏勘。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="895"/>
        <source>(full)</source>
        <translation>（已约满）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="903"/>
        <source>Holding this time for you…</source>
        <translation>正在为您预留该时段…</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="920"/>
        <source>%1: %2 (held for you)</source>
        <translation>%1：%2（已为您预留）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="920"/>
        <source>%1: %2 (to be confirmed)</source>
        <translation>%1：%2（待确认）</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="942"/>
        <location filename="../utility/screen.py" line="1048"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1017"/>
        <source>Application: %1</source>
        <translation>申请事项：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1020"/>
        <source>Applicant: %1</source>
        <translation>申请人：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1025"/>
        <source>Company: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1026"/>
        <location filename="../utility/screen.py" line="1085"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1029"/>
        <source>Property proof: %1</source>
        <translation>产权证明：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1032"/>
        <source>electronic certificate</source>
        <translation>电子证照</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1033"/>
        <source>photo from your phone</source>
        <translation>手机上传的照片</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1034"/>
        <source>captured copy</source>
        <translation>拍摄件</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1039"/>
        <source>Survey (%1): %2</source>
        <translation>踏勘（%1）：%2</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1043"/>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1079"/>
        <source>slip</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1089"/>
        <source>Video survey (%1): %2</source>
        <translation>视频踏勘（%1）：%2</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1093"/>
        <source>Your application number</source>
        <translation>您的申请编号</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1095"/>
        <source>Sent to the water and gas companies.</source>
        <translation>已报送供水、燃气公司。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1098"/>
        <source>Received. It will be sent as soon as the network is back; nothing more to do.</source>
        <translation>已受理，网络恢复后自动报送，您无需再做什么。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1109"/>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1118"/>
        <source>Not known to the service yet: an application sent a moment ago may still be on its way.</source>
        <translation>暂未查到：刚提交的申请可能还在报送途中。</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1133"/>
        <source>done %1</source>
        <translation>%1 完成</translation>
    </message>
    <message>
        <location filename="../utility/screen.py" line="1133"/>
        <source>expected %1</source>
        <translation>预计 %1</translation>
    </message>
</context>
<context>
    <name>UtilityStages</name>
    <message>
        <location filename="../utility/stages.py" line="13"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../utility/stages.py" line="14"/>
        <source>Survey booked</source>
        <translation>已预约踏勘</translation>
    </message>
    <message>
        <location filename="../utility/stages.py" line="15"/>
        <source>Survey done</source>
        <translation>已完成踏勘</translation>
    </message>
    <message>
        <location filename="../utility/stages.py" line="16"/>
        <source>Plan and fee</source>
        <translation>方案与费用</translation>
    </message>
    <message>
        <location filename="../utility/stages.py" line="17"/>
        <source>Construction</source>
        <translation>施工</translation>
    </message>
    <message>
        <location filename="../utility/stages.py" line="18"/>
        <source>Connected</source>
        <translation>已通水/通气</translation>
    </message>
</context>
<context>
    <name>UtilityTiles</name>
    <message>
        <location filename="../utility/tiles.py" line="9"/>
        <source>Water and gas connection</source>
        <translation>用水用气报装</translation>
    </message>
    <message>
        <location filename="../utility/tiles.py" line="13"/>
        <source>Apply, book a video survey, follow it</source>
        <translation>申请、预约视频踏勘、查进度</translation>
    </message>
    <message>
        <location filename="../utility/tiles.py" line="17"/>
        <source>Nearby service points</source>
        <translation>就近办</translation>
    </message>
    <message>
        <location filename="../utility/tiles.py" line="21"/>
        <source>Open now, how far, what they do</source>
        <translation>是否营业、多远、能办什么</translation>
    </message>
</context>
<context>
    <name>_Button</name>
    <message>
        <location filename="../utility/links.py" line="44"/>
        <source>Where can I do this?</source>
        <translation>哪里可以办？</translation>
    </message>
</context>
</TS>
