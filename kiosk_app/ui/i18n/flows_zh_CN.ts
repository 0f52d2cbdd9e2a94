<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutPanel</name>
    <message>
        <location filename="../flows/hotline_form.py" line="88"/>
        <source>City upkeep</source>
        <translation>城市管理</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="89"/>
        <source>Environment</source>
        <translation>生态环境</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="90"/>
        <source>Roads and transport</source>
        <translation>交通出行</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="91"/>
        <source>Housing and property</source>
        <translation>住房物业</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="92"/>
        <source>Water, power, gas</source>
        <translation>水电气暖</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="93"/>
        <source>Work and social insurance</source>
        <translation>劳动社保</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="94"/>
        <source>Health care</source>
        <translation>医疗卫生</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="95"/>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="96"/>
        <source>Shopping and prices</source>
        <translation>消费维权</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="97"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="102"/>
        <source>The street light does not work</source>
        <translation>路灯不亮</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="103"/>
        <source>Noise at night</source>
        <translation>夜间噪音扰民</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="104"/>
        <source>Rubbish not collected</source>
        <translation>垃圾未及时清运</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="105"/>
        <source>Road surface broken</source>
        <translation>道路破损</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="106"/>
        <source>No water</source>
        <translation>停水</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="107"/>
        <source>Power cut</source>
        <translation>停电</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="108"/>
        <source>Wages not paid</source>
        <translation>拖欠工资</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="109"/>
        <source>Please call me back</source>
        <translation>请电话联系我</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="113"/>
        <source>1. What is it about?</source>
        <translation>1. 诉求类别</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="116"/>
        <source>2. What happened?</source>
        <translation>2. 诉求内容</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="117"/>
        <source>Type here, or touch the common phrases below</source>
        <translation>请在此输入，或点击下方常用语</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="118"/>
        <source>Common phrases:</source>
        <translation>常用语：</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="132"/>
        <source>Please choose what it is about.</source>
        <translation>请选择诉求类别。</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="137"/>
        <source>Please say in a few words what happened.</source>
        <translation>请简单描述您反映的问题。</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="139"/>
        <source>Please keep it under 4,000 characters.</source>
        <translation>请控制在 4000 字以内。</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../flows/catalog.py" line="136"/>
        <source>The service guide is not available. </source>
        <translation>办事指南暂不可用。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="143"/>
        <source>Opening the service guide…</source>
        <translation>正在打开办事指南…</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="149"/>
        <location filename="../flows/catalog.py" line="313"/>
        <source>All services</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="179"/>
        <source>%1 services shown</source>
        <translation>共显示 %1 项服务</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="182"/>
        <source>Nothing found. Try fewer characters, or pick a category on the right.</source>
        <translation>没有找到。请少输入几个字，或在右侧选择分类。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="185"/>
        <source>Type above, or pick a category on the right.</source>
        <translation>请在上方输入，或在右侧选择分类。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="210"/>
        <source>Category: %1</source>
        <translation>所属类别：%1</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="211"/>
        <source>Department: %1</source>
        <translation>办理部门：%1</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="212"/>
        <source>Where: %1</source>
        <translation>办理地点：%1</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="213"/>
        <source>Fee: %1</source>
        <translation>收费标准：%1</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="229"/>
        <source>free of charge</source>
        <translation>免费</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="235"/>
        <source>Time limit: done on the spot</source>
        <translation>承诺时限：即办</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="237"/>
        <source>Time limit: 1 working day</source>
        <translation>承诺时限：1 个工作日</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="238"/>
        <source>Time limit: %1 working days</source>
        <translation>承诺时限：%1 个工作日</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="215"/>
        <source>Can also be done online</source>
        <translation>可网上办理</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="220"/>
        <source>Materials to bring</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="224"/>
        <source>No materials needed.</source>
        <translation>无需提交材料。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="244"/>
        <source>Service names and materials are shown in Chinese, as officially published.</source>
        <translation>事项名称和所需材料均以官方中文原文显示。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="255"/>
        <source>Print the materials list?</source>
        <translation>打印材料清单吗？</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="256"/>
        <source>A slip listing what to bring for %1 comes out below.</source>
        <translation>将在下方出纸口打印“%1”所需材料的清单。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="259"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="276"/>
        <source>list</source>
        <translation>材料清单</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="297"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="298"/>
        <source>Search: 营业执照, or initials such as yyzz</source>
        <translation>搜索：营业执照，或拼音首字母 yyzz</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="302"/>
        <source>Type Chinese, pinyin, or the first letters of the pinyin of each character.</source>
        <translation>可输入汉字、拼音或拼音首字母。</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="309"/>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="310"/>
        <source>Print the materials list</source>
        <translation>打印材料清单</translation>
    </message>
    <message>
        <location filename="../flows/catalog.py" line="311"/>
        <source>Take a ticket for this</source>
        <translation>为此事项取号</translation>
    </message>
</context>
<context>
    <name>CertfreeScreen</name>
    <message>
        <location filename="../flows/certfree.py" line="189"/>
        <location filename="../flows/certfree.py" line="423"/>
        <source>Certificate-free services</source>
        <translation>免证办</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="190"/>
        <source>Scan your authorisation code</source>
        <translation>请扫描授权码</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="193"/>
        <source>In the provincial government app, open “authorise my licences” and hold the QR code under the scanner. Your electronic licences are then used instead of paper copies.</source>
        <translation>请在政务服务 App 中打开“证照授权”，将授权二维码对准下方扫码口。授权后将使用您的电子证照，无需纸质复印件。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="198"/>
        <source>Your electronic licences (choose the ones to use):</source>
        <translation>您的电子证照（请勾选要使用的证照）：</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="201"/>
        <source>I agree that the chosen licences are attached to my application instead of paper copies. Nothing is kept on this terminal.</source>
        <translation>我同意使用所选电子证照代替纸质复印件提交办理，本机不保存任何证照信息。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="320"/>
        <source>Do not use them</source>
        <translation>不使用</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="205"/>
        <source>I agree, attach them</source>
        <translation>同意并使用</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="206"/>
        <source>Your licences are attached</source>
        <translation>电子证照已提交</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="207"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="208"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="209"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="210"/>
        <source>Scan again</source>
        <translation>重新扫码</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="211"/>
        <source>Confirm it is me with my ID card</source>
        <translation>刷身份证核验本人</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="226"/>
        <source>Only the holder&apos;s own authorisation code can be used.</source>
        <translation>只能使用本人的授权码。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="231"/>
        <source>Identified: %1, ID %2. Show your own authorisation code.</source>
        <translation>已核验：%1，证件号码 %2。请出示您本人的授权码。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="249"/>
        <source>Fetching your electronic licences…</source>
        <translation>正在获取您的电子证照…</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="283"/>
        <source>Expired on %1, cannot be used</source>
        <translation>已过期（有效期至 %1），不能使用</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="285"/>
        <source>valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="295"/>
        <source>%1, ID %2</source>
        <translation>%1，身份证号 %2</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="338"/>
        <source>General intake window</source>
        <translation>综合受理窗口</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="356"/>
        <source>slip</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="360"/>
        <source>Please take the slip to %1 and show it to the staff there.</source>
        <translation>请持单据到%1，交给窗口工作人员。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="365"/>
        <source>Your application number</source>
        <translation>您的受理编号</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="367"/>
        <source>Go to: %1</source>
        <translation>请前往：%1</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="287"/>
        <source>no expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="305"/>
        <source>All of these licences have expired and cannot be used. Please renew them at the service desk, or bring the paper documents there.</source>
        <translation>以上证照均已过期，不能使用。请到服务台办理换证，或携带纸质材料到服务台办理。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="310"/>
        <source>An expired licence cannot be used. Please renew it at the service desk.</source>
        <translation>已过期的证照不能使用，请到服务台办理换证。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="320"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="326"/>
        <source>Please choose at least one licence.</source>
        <translation>请至少选择一个证照。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="381"/>
        <source>This authorisation belongs to someone else, not to the person whose ID card was read here.</source>
        <translation>这个授权码不是刚才刷身份证的本人的。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="387"/>
        <source>Only your own licences can be used. Please show the authorisation code from your own app, or the holder comes in person; for help on someone&apos;s behalf, go to the service desk.</source>
        <translation>只能使用本人的电子证照。请出示您自己 App 里的授权码，或请证照持有人本人来办理；代他人办理请到服务台。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="399"/>
        <source>Your licences cannot be fetched without the network. Please try again in a moment, or bring the paper documents to the service desk.</source>
        <translation>没有网络时无法获取电子证照。请稍后再试，或携带纸质材料到服务台办理。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="402"/>
        <source>Please create a new authorisation code in the app.</source>
        <translation>请在 App 中重新生成授权码。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="404"/>
        <source>Authorisation codes work once and for a short time. Please create a new one in the app.</source>
        <translation>授权码只能使用一次且有效期很短，请在 App 中重新生成。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="408"/>
        <source>Please show the authorisation code (授权码), not another code from the app.</source>
        <translation>请出示授权码，而不是 App 中的其他二维码。</translation>
    </message>
    <message>
        <location filename="../flows/certfree.py" line="410"/>
        <source>Please show the authorisation QR code from the app.</source>
        <translation>请出示 App 中的授权二维码。</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <location filename="../flows/checkin.py" line="146"/>
        <source>Appointment check-in</source>
        <translation>预约办</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="147"/>
        <source>Scan your appointment code</source>
        <translation>扫预约码签到</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="149"/>
        <source>Hold the appointment QR code from the government app under the scanner.</source>
        <translation>请打开政务服务 App 中的预约二维码，对准下方扫码口。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="151"/>
        <source>Or type phone number and code</source>
        <translation>或输入手机号和验证码</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="152"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="153"/>
        <source>Code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="154"/>
        <source>Check in</source>
        <translation>签到取号</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="155"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="156"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="157"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="158"/>
        <source>Scan or type again</source>
        <translation>重新扫码或输入</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="159"/>
        <source>Take a walk-in ticket</source>
        <translation>现场取号</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="184"/>
        <source>Checking your appointment…</source>
        <translation>正在核验您的预约…</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="204"/>
        <source>%1, your appointment is checked in.</source>
        <translation>%1，您的预约已签到。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="213"/>
        <source>This appointment is for %1.</source>
        <translation>该预约的办理地点是%1。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="215"/>
        <source>Your queue number is %1.</source>
        <translation>您的排队号是 %1。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="218"/>
        <source>Please try again in a moment, or take a walk-in ticket.</source>
        <translation>请稍后再试，或现场取号。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="220"/>
        <source>Please check the code in your app, or type your phone number and code.</source>
        <translation>请核对 App 中的预约码，或输入手机号和验证码。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="223"/>
        <source>Please make a new appointment in the app, or take a walk-in ticket.</source>
        <translation>请在 App 中重新预约，或现场取号。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="226"/>
        <source>Please go to that service centre, or book again here.</source>
        <translation>请前往该服务中心办理，或重新预约本中心。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="228"/>
        <source>Please wait for your number to be called.</source>
        <translation>请留意叫号。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="230"/>
        <source>Please show the appointment code (预约码), not another code from the app.</source>
        <translation>请出示预约码，而不是 App 中的其他二维码。</translation>
    </message>
    <message>
        <location filename="../flows/checkin.py" line="232"/>
        <source>Please show the appointment QR code from the app.</source>
        <translation>请出示 App 中的预约二维码。</translation>
    </message>
</context>
<context>
    <name>ContactPanel</name>
    <message>
        <location filename="../flows/hotline_form.py" line="177"/>
        <source>4. Where? (optional)</source>
        <translation>4. 发生地点（可不填）</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="178"/>
        <source>Street, village, building</source>
        <translation>街道、村、小区或楼栋</translation>
    </message>
    <message>
        <location filename="../flows/hotline_form.py" line="184"/>
        <source>Please keep the place under 200 characters.</source>
        <translation>地点请控制在 200 字以内。</translation>
    </message>
</context>
<context>
    <name>FlowTiles</name>
    <message>
        <location filename="../flows/tiles.py" line="46"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="47"/>
        <source>Materials, fees, where to go</source>
        <translation>材料、收费、办理地点</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="34"/>
        <source>Appointment check-in</source>
        <translation>预约办</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="35"/>
        <source>Scan your appointment code</source>
        <translation>扫预约码签到</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="64"/>
        <source>Case progress</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="65"/>
        <source>Any number on your slip</source>
        <translation>凭单据编号查进度</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="70"/>
        <source>Rate our service</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="71"/>
        <source>Very satisfied … very dissatisfied</source>
        <translation>非常满意 … 非常不满意</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="40"/>
        <source>Take a queue ticket</source>
        <translation>现场取号</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="41"/>
        <source>Walk-in, no appointment</source>
        <translation>无预约，现场办理</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="52"/>
        <source>Certificate-free services</source>
        <translation>免证办</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="53"/>
        <source>Use your electronic licences</source>
        <translation>电子证照，免交复印件</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="58"/>
        <source>12345 requests</source>
        <translation>12345 诉求</translation>
    </message>
    <message>
        <location filename="../flows/tiles.py" line="59"/>
        <source>Complaints, requests, progress</source>
        <translation>投诉、求助、进度查询</translation>
    </message>
</context>
<context>
    <name>FlowWidgets</name>
    <message>
        <location filename="../flows/widgets.py" line="70"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="162"/>
        <source>3. Your mobile number, so the hotline can reply</source>
        <translation>3. 联系手机号（用于回复您）</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="167"/>
        <source>Your number is only given to the 12345 hotline and is not printed in full.</source>
        <translation>您的号码只提供给 12345 热线，回执上不会完整打印。</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="252"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="253"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="254"/>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="255"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../flows/widgets.py" line="256"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
</context>
<context>
    <name>Flows</name>
    <message>
        <location filename="../flows/common.py" line="48"/>
        <source>Too many tries. Please wait %1 minutes, or go to the service desk.</source>
        <translation>尝试次数过多。请 %1 分钟后再试，或到服务台办理。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="52"/>
        <source>The terminal cannot reach the service centre&apos;s system right now.</source>
        <translation>本机暂时连接不上政务服务系统。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="55"/>
        <source>This code was not found.</source>
        <translation>未查询到此码。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="56"/>
        <source>This code has expired or has already been used.</source>
        <translation>此码已过期或已使用。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="59"/>
        <source>This appointment is for another service centre.</source>
        <translation>该预约不是本服务中心的预约。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="62"/>
        <source>This appointment has already been checked in.</source>
        <translation>该预约已签到。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="65"/>
        <source>This code is not for this service.</source>
        <translation>此码不能用于本业务。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="68"/>
        <source>This code cannot be read here.</source>
        <translation>本机无法识别此二维码。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="69"/>
        <source>Please enter an 11-digit mobile number.</source>
        <translation>请输入 11 位手机号码。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="72"/>
        <source>Please enter the 6-digit code from your appointment.</source>
        <translation>请输入预约短信中的 6 位验证码。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="75"/>
        <source>Something is missing.</source>
        <translation>信息不完整。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="76"/>
        <source>This is too long.</source>
        <translation>内容过长。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="77"/>
        <source>This terminal cannot do this right now.</source>
        <translation>本机暂时无法办理此业务。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="80"/>
        <source>The terminal could not save this.</source>
        <translation>本机未能保存。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="92"/>
        <source>Please go to the service desk; the staff there will help you.</source>
        <translation>请到服务台，工作人员会为您办理。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="166"/>
        <source>Home</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="290"/>
        <source>Your queue number</source>
        <translation>您的排队号</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="293"/>
        <source>Service: %1</source>
        <translation>办理业务：%1</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="294"/>
        <source>Window: %1</source>
        <translation>办理窗口：%1</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="295"/>
        <source>People ahead of you: %1</source>
        <translation>前面等候：%1 人</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="307"/>
        <source>ticket</source>
        <translation>排队号</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="317"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="332"/>
        <source>Please take your %1 from the printer below.</source>
        <translation>请在下方出纸口取走您的%1。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="336"/>
        <source>The printer is not available.</source>
        <translation>打印机暂不可用。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="339"/>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="340"/>
        <source>The printer cover is open.</source>
        <translation>打印机盖未关好。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="341"/>
        <source>The printer did not print.</source>
        <translation>打印机未能打印。</translation>
    </message>
    <message>
        <location filename="../flows/common.py" line="343"/>
        <source>Please remember the number shown above, or take a photo of it.</source>
        <translation>请记下上方号码，或用手机拍照保存。</translation>
    </message>
</context>
<context>
    <name>HotlineScreen</name>
    <message>
        <location filename="../flows/hotline.py" line="112"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="113"/>
        <source>Contacted you (at once)</source>
        <translation>联系诉求人（立即）</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="114"/>
        <source>On site (within 30 minutes)</source>
        <translation>到达现场（30 分钟内）</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="115"/>
        <source>Progress feedback (within 2 hours)</source>
        <translation>反馈进展（2 小时内）</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="116"/>
        <source>Result (within 24 hours)</source>
        <translation>办结答复（24 小时内）</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="124"/>
        <source>12345 requests</source>
        <translation>12345 诉求</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="125"/>
        <source>Make a request or complaint</source>
        <translation>我要反映诉求</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="126"/>
        <source>Check the progress of a request</source>
        <translation>查询诉求进度</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="129"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="130"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="152"/>
        <source>Send this request to 12345?</source>
        <translation>提交这条 12345 诉求吗？</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="154"/>
        <source>It cannot be taken back once sent. A slip with its number is printed.</source>
        <translation>提交后不能撤回。将打印一张带工单编号的回执。</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="156"/>
        <source>Send it</source>
        <translation>确定提交</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="173"/>
        <source>Please check the items marked in red.</source>
        <translation>请检查红色提示的内容。</translation>
    </message>
    <message>
        <location filename="../flows/hotline.py" line="186"/>
        <source>slip</source>
        <translation>工单回执</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../flows/progress.py" line="115"/>
        <source>Case progress</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="116"/>
        <source>Scan the QR code on your slip, or type the number on it</source>
        <translation>请扫描单据上的二维码，或输入单据上的编号</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="119"/>
        <source>Queue tickets (A012), cases (SL 4830 2917 5603), 12345 requests (12345 4830 2917 5603), documents (WJ …) and applications (BZ …).</source>
        <translation>可查询排队号（A012）、受理编号（SL 4830 2917 5603）、12345 工单号（12345 4830 2917 5603）、文件编号（WJ …）和报装编号（BZ …）。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="124"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="127"/>
        <source>It was filed at another terminal. Please enter the mobile number you gave then, and we will look it up for you.</source>
        <translation>此件不是在本机办理的。请输入当时留的手机号，我们帮您查询。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="131"/>
        <source>11-digit mobile number</source>
        <translation>11 位手机号码</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="132"/>
        <source>Find it</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="147"/>
        <source>This number cannot be right. Please check it against your slip: letters first, then 12 digits.</source>
        <translation>编号有误，请对照单据核对：先是字母，后面是 12 位数字。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="154"/>
        <location filename="../flows/progress.py" line="175"/>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="160"/>
        <source>You typed: %1</source>
        <translation>您输入的是：%1</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="173"/>
        <source>A mobile number has 11 digits, starting with 1.</source>
        <translation>请输入 11 位手机号码（以 1 开头）。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="193"/>
        <source>The number and the mobile number do not match. Please check both and try again, or ask at the service desk.</source>
        <translation>编号与手机号不匹配。请核对后重试，或到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="200"/>
        <source>This number is not known yet. Something filed in the last few minutes may still be on its way; please try again later.</source>
        <translation>暂未查到该编号。几分钟内刚提交的事项可能仍在传送中，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="208"/>
        <source>Please try again later.</source>
        <translation>请稍后再试。</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="216"/>
        <source>Queue ticket</source>
        <translation>排队号</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="217"/>
        <source>Case</source>
        <translation>受理件</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="218"/>
        <source>12345 request</source>
        <translation>12345 诉求</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="219"/>
        <source>Filed document</source>
        <translation>扫描文件</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="220"/>
        <source>Utility application</source>
        <translation>报装申请</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="224"/>
        <source>Where to go: %1</source>
        <translation>办理地点：%1</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="226"/>
        <source>People ahead of you: %1</source>
        <translation>前面还有 %1 人</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="229"/>
        <source>done %1</source>
        <translation>%1 已完成</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="230"/>
        <source>done %1, after the deadline</source>
        <translation>%1 完成（已超时）</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="231"/>
        <source>due by %1</source>
        <translation>%1 前完成</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="232"/>
        <source>overdue since %1</source>
        <translation>已于 %1 超时</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="250"/>
        <source>Ticket taken</source>
        <translation>已取号</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="251"/>
        <source>Called to the window</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="252"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="253"/>
        <source>Accepted by the department</source>
        <translation>部门已受理</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="254"/>
        <source>Result</source>
        <translation>办结答复</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="255"/>
        <source>Contacted you</source>
        <translation>联系诉求人</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="256"/>
        <source>On site</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <location filename="../flows/progress.py" line="257"/>
        <source>Progress feedback</source>
        <translation>反馈进展</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../flows/rating.py" line="119"/>
        <source>Rate our service</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="122"/>
        <source>How satisfied are you with: %1</source>
        <translation>您对本次服务满意吗：%1</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="124"/>
        <source>How satisfied are you with the service you received today?</source>
        <translation>您对今天的服务满意吗？</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="128"/>
        <source>Touch one of the five buttons, or press a key on the rating pad.</source>
        <translation>请点击下方按钮，或在评价器上按键评价。</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="130"/>
        <source>Touch one of the five buttons.</source>
        <translation>请点击下方按钮进行评价。</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="132"/>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="139"/>
        <source>You chose: %1</source>
        <translation>您的评价：%1</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="133"/>
        <source>Something else</source>
        <translation>办理其他业务</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="134"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../flows/rating.py" line="195"/>
        <source>Please try again.</source>
        <translation>请再试一次。</translation>
    </message>
</context>
<context>
    <name>ServiceCategory</name>
    <message>
        <location filename="../flows/categories.py" line="29"/>
        <source>Business registration</source>
        <translation>市场主体登记</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="30"/>
        <source>Credit record repair</source>
        <translation>信用修复</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="31"/>
        <source>Permits and approvals</source>
        <translation>许可审批</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="32"/>
        <source>Quality and measurement</source>
        <translation>质量计量</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="33"/>
        <source>Consumer rights</source>
        <translation>消费维权</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="34"/>
        <source>Household registration (hukou)</source>
        <translation>户籍办理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="35"/>
        <source>Passports and travel permits</source>
        <translation>出入境</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="36"/>
        <source>Drivers and vehicles</source>
        <translation>交通管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="37"/>
        <source>Public security</source>
        <translation>治安管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="38"/>
        <source>Social insurance</source>
        <translation>社会保险</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="39"/>
        <source>Jobs and starting a business</source>
        <translation>就业创业</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="40"/>
        <source>Social security card</source>
        <translation>社保卡</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="41"/>
        <source>Employment relations</source>
        <translation>劳动关系</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="42"/>
        <source>Talent and personnel</source>
        <translation>人才人事</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="43"/>
        <source>Medical insurance</source>
        <translation>医疗保障</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="44"/>
        <source>Real estate registration</source>
        <translation>不动产登记</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="45"/>
        <source>Taxes and fees</source>
        <translation>税费办理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="46"/>
        <source>Housing provident fund</source>
        <translation>住房公积金</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="47"/>
        <source>Marriage registration</source>
        <translation>婚姻登记</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="48"/>
        <source>Social assistance</source>
        <translation>社会救助</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="49"/>
        <source>Elderly care</source>
        <translation>养老服务</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="50"/>
        <source>Social organisations</source>
        <translation>社会组织</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="51"/>
        <source>Funeral services</source>
        <translation>殡葬服务</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="52"/>
        <source>Health</source>
        <translation>卫生健康</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="53"/>
        <source>Construction projects</source>
        <translation>工程建设</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="54"/>
        <source>Property management</source>
        <translation>房产管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="55"/>
        <source>Affordable housing</source>
        <translation>住房保障</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="56"/>
        <source>Urban construction</source>
        <translation>城建管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="57"/>
        <source>Land</source>
        <translation>土地管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="58"/>
        <source>Mineral resources</source>
        <translation>矿产管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="59"/>
        <source>Geological hazards</source>
        <translation>地质环境</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="60"/>
        <source>Road transport</source>
        <translation>交通运输</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="61"/>
        <source>Agriculture and rural affairs</source>
        <translation>农业农村</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="62"/>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="63"/>
        <source>Sports</source>
        <translation>体育</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="64"/>
        <source>Culture and tourism</source>
        <translation>文化旅游</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="65"/>
        <source>Veterans</source>
        <translation>退役军人</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="66"/>
        <source>Disability services</source>
        <translation>残疾人服务</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="67"/>
        <source>City management</source>
        <translation>城市管理</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="68"/>
        <source>Work safety</source>
        <translation>安全生产</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="69"/>
        <source>Environment</source>
        <translation>生态环境</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="70"/>
        <source>Water resources</source>
        <translation>水利</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="71"/>
        <source>Legal services</source>
        <translation>法律服务</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="72"/>
        <source>One business, one permit</source>
        <translation>一业一证</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="73"/>
        <source>Life and business events, in one go</source>
        <translation>一件事一次办</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="74"/>
        <source>Licence and certificate printing</source>
        <translation>证照打印</translation>
    </message>
    <message>
        <location filename="../flows/categories.py" line="75"/>
        <source>Requests and complaints</source>
        <translation>诉求办理</translation>
    </message>
</context>
<context>
    <name>SlipPanel</name>
    <message>
        <location filename="../flows/hotline_slip.py" line="41"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="42"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="50"/>
        <source>Category: %1</source>
        <translation>诉求类别：%1</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="51"/>
        <source>Reported: %1</source>
        <translation>诉求内容：%1</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="52"/>
        <source>Reply to: %1</source>
        <translation>回复电话：%1</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="53"/>
        <source>Caller: %1</source>
        <translation>反映人：%1</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="55"/>
        <source>Filed anonymously</source>
        <translation>匿名反映</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="57"/>
        <source>Your work-order number</source>
        <translation>您的工单编号</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="66"/>
        <source>The hotline contacts you at once, is on site within 30 minutes, reports progress within 2 hours and gives a result within 24 hours. Check the progress on the Case progress screen with this number.</source>
        <translation>热线将立即联系您，30 分钟内到达现场，2 小时内反馈进展，24 小时内答复结果。凭此编号可在“办件查询”中查看进度。</translation>
    </message>
    <message>
        <location filename="../flows/hotline_slip.py" line="72"/>
        <source>The hotline contacts you at once, reports progress within 2 hours and gives a result within 24 hours. Check the progress on the Case progress screen with this number.</source>
        <translation>热线将立即联系您，2 小时内反馈进展，24 小时内答复结果。凭此编号可在“办件查询”中查看进度。</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../flows/ticket.py" line="136"/>
        <source>Take a queue ticket</source>
        <translation>现场取号</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="137"/>
        <source>What would you like to do today?</source>
        <translation>请选择您要办理的业务类型</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="138"/>
        <source>The list of services is not available. </source>
        <translation>暂时无法显示业务列表。</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="139"/>
        <source>Not listed? Search the service guide</source>
        <translation>没有找到？查询办事指南</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="140"/>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="141"/>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="142"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="143"/>
        <location filename="../flows/ticket.py" line="144"/>
        <source>Choose another service</source>
        <translation>选择其他业务</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="145"/>
        <source>Yes, print my ticket</source>
        <translation>确定，打印号票</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="146"/>
        <source>Your ticket is printed and you join the queue.</source>
        <translation>将打印号票，您即进入排队。</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="169"/>
        <source>Take a ticket for: %1?</source>
        <translation>为“%1”取号吗？</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="180"/>
        <source>Getting your ticket…</source>
        <translation>正在为您取号…</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="205"/>
        <source>The queue system cannot be reached right now.</source>
        <translation>暂时连接不上排队叫号系统。</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="206"/>
        <source>Please try again in a moment. </source>
        <translation>请稍后再试。</translation>
    </message>
    <message>
        <location filename="../flows/ticket.py" line="208"/>
        <source>A ticket for this service cannot be taken at this terminal.</source>
        <translation>本机暂不能为该业务取号。</translation>
    </message>
</context>
</TS>
