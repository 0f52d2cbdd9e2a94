<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>A4Tiles</name>
    <message>
        <location filename="../a4/tiles.py" line="17"/>
        <source>Print a proof</source>
        <translation>证明打印</translation>
    </message>
    <message>
        <location filename="../a4/tiles.py" line="21"/>
        <source>Social insurance, real estate …</source>
        <translation>参保证明、不动产登记查询结果等</translation>
    </message>
</context>
<context>
    <name>ChecklistA4</name>
    <message>
        <location filename="../a4/checklist.py" line="42"/>
        <source>Preparing the page…</source>
        <translation>正在生成打印页面…</translation>
    </message>
    <message>
        <location filename="../a4/checklist.py" line="50"/>
        <source>Materials list</source>
        <translation>办事材料清单</translation>
    </message>
</context>
<context>
    <name>LicenceCopy</name>
    <message>
        <location filename="../a4/licence_copy.py" line="146"/>
        <source>Please choose a licence.</source>
        <translation>请选择一个证照。</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="153"/>
        <source>Please type what the copy is for, for example 办理社保卡 (at most %1 characters).</source>
        <translation>请填写复印件的用途，例如“办理社保卡”（不超过 %1 个字）。</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="162"/>
        <source>Print your full name and licence number?</source>
        <translation>打印您的完整姓名和证照号码吗？</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="164"/>
        <source>Anyone who holds this paper can read them. Otherwise they are printed partly hidden, as on the screen.</source>
        <translation>拿到这张纸的人都能看到这些信息。不选择时，将与屏幕上一样部分隐去后打印。</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="167"/>
        <source>Yes, print them in full</source>
        <translation>是，完整打印</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="182"/>
        <source>Preparing the page…</source>
        <translation>正在生成打印页面…</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="190"/>
        <source>Copy of an electronic licence</source>
        <translation>电子证照打印件</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="197"/>
        <source>The page could not be prepared. Please ask at the service desk.</source>
        <translation>打印页面未能生成，请到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="202"/>
        <source>Print a copy</source>
        <translation>打印复印件</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="203"/>
        <source>Print a copy of a licence</source>
        <translation>打印证照复印件</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="204"/>
        <source>Which licence?</source>
        <translation>打印哪一个证照？</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="207"/>
        <source>What is the copy for? It is printed on the copy, which is valid only for that.</source>
        <translation>复印件用于办理什么事项？用途会印在复印件上，仅限该用途使用。</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="210"/>
        <source>for example 办理社保卡</source>
        <translation>例如：办理社保卡</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="212"/>
        <source>Print my full name and licence number (otherwise partly hidden, as on screen)</source>
        <translation>完整打印我的姓名和证照号码（否则与屏幕上一样部分隐去）</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="214"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../a4/licence_copy.py" line="215"/>
        <source>See the page</source>
        <translation>预览打印页面</translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <location filename="../a4/panel.py" line="191"/>
        <location filename="../a4/panel.py" line="287"/>
        <source>Sending your document to the printer…</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="200"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="257"/>
        <source>Check the page, then print</source>
        <translation>请核对页面后打印</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="258"/>
        <location filename="../a4/panel.py" line="259"/>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="260"/>
        <source>The printer needs attention</source>
        <translation>打印机需要处理</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="261"/>
        <source>Printed</source>
        <translation>打印完成</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="262"/>
        <source>Printing cancelled</source>
        <translation>已取消打印</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="263"/>
        <source>Not printed</source>
        <translation>未能打印</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="272"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="273"/>
        <source>At most %1 copies.</source>
        <translation>最多 %1 份。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="274"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="275"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="276"/>
        <source>Cancel and go to the desk</source>
        <translation>取消并到窗口办理</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="277"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="283"/>
        <source>%1 page(s) will print. Nothing prints until you press Print.</source>
        <translation>将打印 %1 页。点“打印”之前不会打印。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="291"/>
        <source>Printing page %1 of %2…</source>
        <translation>正在打印第 %1 页，共 %2 页…</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="295"/>
        <source>Printing… please wait by the printer.</source>
        <translation>正在打印，请在打印机旁稍候。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="298"/>
        <source>The printer&apos;s cover is open.</source>
        <translation>打印机盖板未关好。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="299"/>
        <source>Paper is stuck in the printer.</source>
        <translation>打印机卡纸。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="300"/>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="304"/>
        <source>Your document is waiting and prints as soon as the staff fix it. You can also cancel it and ask at the service desk.</source>
        <translation>您的文件正在等候，工作人员处理好后会自动打印。您也可以取消打印，到服务窗口办理。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="309"/>
        <source>Please take your pages from the printer.</source>
        <translation>请从打印机取走打印件。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="312"/>
        <source>Nothing more will print; your document was removed from the printer.</source>
        <translation>不会再打印，您的文件已从打印机中删除。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="313"/>
        <location filename="../a4/panel.py" line="321"/>
        <source>Please go to the service desk; the staff there will help you.</source>
        <translation>请到服务窗口，工作人员会帮助您。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="316"/>
        <source>The A4 printer is not available.</source>
        <translation>A4 打印机暂不可用。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="317"/>
        <source>The A4 printer is switched off.</source>
        <translation>A4 打印机未开机。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="318"/>
        <source>The A4 printer did not answer.</source>
        <translation>A4 打印机没有响应。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="319"/>
        <source>The A4 printer did not print.</source>
        <translation>A4 打印机未能打印。</translation>
    </message>
    <message>
        <location filename="../a4/panel.py" line="327"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>ProofScreen</name>
    <message>
        <location filename="../a4/proofs.py" line="152"/>
        <source>The terminal cannot reach the service centre&apos;s system right now. Please try again in a moment, or ask at the service desk.</source>
        <translation>终端暂时无法连接政务服务中心系统，请稍后再试，或到服务窗口办理。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="156"/>
        <source>Too many tries. Please wait %1 minutes, or go to the desk.</source>
        <translation>尝试次数过多，请等待 %1 分钟，或到服务窗口办理。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="111"/>
        <source>%1, ID %2</source>
        <translation>%1，身份证号 %2</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="124"/>
        <source>Fetching your proof…</source>
        <translation>正在获取您的证明…</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="99"/>
        <source>Your proof is issued in your name: please confirm who you are.</source>
        <translation>证明将以您的名义出具，请先核验身份。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="149"/>
        <source>There is no record for this proof in your name. Please ask at the service desk.</source>
        <translation>没有查到您名下可出具此证明的记录，请到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="159"/>
        <source>The proof could not be fetched. Please ask at the desk.</source>
        <translation>未能获取证明，请到服务窗口咨询。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="167"/>
        <source>Print a proof</source>
        <translation>证明打印</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="168"/>
        <source>Which proof do you need?</source>
        <translation>您要打印哪种证明？</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="172"/>
        <source>Other proofs (for example 无犯罪记录证明) are issued at the service desk.</source>
        <translation>其他证明（如无犯罪记录证明）请到服务窗口办理。</translation>
    </message>
    <message>
        <location filename="../a4/proofs.py" line="174"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
</TS>
